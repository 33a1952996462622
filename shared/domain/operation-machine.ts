import type { TransitionCode } from '../codes';
import type { OperationStatus } from '../schema';

export type OperationEvent = 'start' | 'pause' | 'complete';

/** The operation state machine (C2): the only legal transitions. */
export const OPERATION_TRANSITIONS: Record<OperationEvent, Partial<Record<OperationStatus, OperationStatus>>> = {
  start: { pending: 'running', paused: 'running' },
  pause: { running: 'paused' },
  complete: { running: 'completed', paused: 'completed' },
};

/** Why an event is illegal in a state, as a code the operator sees in words. */
const ILLEGAL: Record<OperationEvent, Partial<Record<OperationStatus, [TransitionCode, string]>>> = {
  start: {
    running: ['operation-already-running', 'the operation is already running'],
    completed: ['operation-already-completed', 'the operation is already completed'],
  },
  pause: {
    pending: ['operation-not-running', 'the operation has not been started'],
    paused: ['operation-not-running', 'the operation is already paused'],
    completed: ['operation-already-completed', 'the operation is already completed'],
  },
  complete: {
    pending: ['operation-not-started', 'the operation has not been started'],
    completed: ['operation-already-completed', 'the operation is already completed'],
  },
};

export type Transition = { ok: true; to: OperationStatus } | { ok: false; code: TransitionCode; message: string };

export function transition(from: OperationStatus, event: OperationEvent): Transition {
  const to = OPERATION_TRANSITIONS[event][from];
  if (to) return { ok: true, to };
  const [code, message] = ILLEGAL[event][from] ?? (['illegal-transition', `cannot ${event} from ${from}`] as const);
  return { ok: false, code, message };
}
