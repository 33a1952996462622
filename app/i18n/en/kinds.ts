import type { MutationName } from '../../../shared/domain/mutators';
import type { HoldKind, OperationStatus, Role, ScheduleChangeKind } from '../../../shared/schema';

/**
 * Words for the values of the schema's enums, each map total over its zod enum, so a new kind,
 * status or role without words does not compile. Hold kinds are the word in "on quality hold".
 */
export const holdKinds: Record<HoldKind, string> = { quality: 'quality', material: 'material', engineering: 'engineering' };

export const changeKinds: Record<ScheduleChangeKind, string> = {
  'priority-shift': 'Priority shift',
  resequence: 'Resequence',
  hold: 'Hold',
  release: 'Release',
  expedite: 'Expedite',
  'date-change': 'Date change',
  note: 'Note',
  revision: 'New traveler revision',
};

export const operationStatuses: Record<OperationStatus, string> = {
  pending: 'Not started',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
};

export const roles: Record<Role, string> = {
  operator: 'operator',
  lead: 'lead',
  supervisor: 'supervisor',
  coordinator: 'coordinator',
  planner: 'planner',
  quality: 'quality',
  maintenance: 'maintenance',
  warehouse: 'warehouse',
  engineering: 'engineering',
  admin: 'admin',
  auditor: 'auditor',
};

/** What the person had tried to do, as a noun phrase after "Your …". */
export const mutationNouns: Record<MutationName, string> = {
  startOperation: 'start of the operation',
  pauseOperation: 'pause',
  completeOperation: 'completion',
  reportQuantity: 'quantity report',
  acknowledgeChange: 'acknowledgement',
  addNote: 'note',
  postScheduleChange: 'schedule change',
  placeHold: 'hold',
  releaseHold: 'hold release',
  resolveConflict: 'conflict resolution',
  editWorkOrder: 'work order edit',
  createDocument: 'document upload',
  releaseDocument: 'document release',
  releaseTraveler: 'traveler release',
  correctQuantity: 'correction',
  undoLast: 'undo',
};

/** The pause reasons a tablet offers; the key is what the pause records, the value what it shows. */
export const pauseReasons = {
  Break: 'Break',
  'Waiting for material': 'Waiting for material',
  'Machine problem': 'Machine problem',
  Changeover: 'Changeover',
  'Quality check': 'Quality check',
  'End of shift': 'End of shift',
};
export type PauseReason = keyof typeof pauseReasons;

export const kinds = { holdKinds, changeKinds, operationStatuses, roles, mutationNouns, pauseReasons };
