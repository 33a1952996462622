import { describe, expect, it } from 'vitest';
import { OPERATION_TRANSITIONS, transition, type OperationEvent } from '../../shared/domain/operation-machine';
import { OperationStatus } from '../../shared/schema';

describe('operation state machine', () => {
  it.each<[OperationEvent, OperationStatus, OperationStatus]>([
    ['start', 'pending', 'running'],
    ['start', 'paused', 'running'],
    ['pause', 'running', 'paused'],
    ['complete', 'running', 'completed'],
    ['complete', 'paused', 'completed'],
  ])('[C2] %s from %s is legal and leads to %s', (event, from, to) => {
    expect(transition(from, event)).toEqual({ ok: true, to });
  });

  it.each<[OperationEvent, OperationStatus, string]>([
    ['start', 'running', 'operation-already-running'],
    ['start', 'completed', 'operation-already-completed'],
    ['pause', 'pending', 'operation-not-running'],
    ['pause', 'paused', 'operation-not-running'],
    ['pause', 'completed', 'operation-already-completed'],
    ['complete', 'pending', 'operation-not-started'],
    ['complete', 'completed', 'operation-already-completed'],
  ])('[C2] %s from %s is illegal with %s', (event, from, code) => {
    const t = transition(from, event);
    expect(t).toMatchObject({ ok: false, code });
    expect(t.ok === false && t.message.length).toBeGreaterThan(0);
  });

  it('[C2] every event × status pair is covered by the two tables above', () => {
    const events: OperationEvent[] = ['start', 'pause', 'complete'];
    const legal = events.flatMap((e) => OperationStatus.options.filter((s) => OPERATION_TRANSITIONS[e][s]).map((s) => `${e}:${s}`));
    expect(legal.sort()).toEqual(['complete:paused', 'complete:running', 'pause:running', 'start:paused', 'start:pending']);
    for (const e of events)
      for (const s of OperationStatus.options) {
        const t = transition(s, e);
        // No pair falls through to the generic fallback code: each illegal one has a specific code.
        expect(t.ok || t.code !== 'illegal-transition').toBe(true);
      }
  });

  it('[C2] a status outside the machine falls back to illegal-transition', () => {
    expect(transition('scrapped' as OperationStatus, 'start')).toEqual({
      ok: false,
      code: 'illegal-transition',
      message: 'cannot start from scrapped',
    });
  });

  it('[C2] a completed operation is terminal: no event leaves it', () => {
    for (const e of ['start', 'pause', 'complete'] as const) expect(transition('completed', e).ok).toBe(false);
  });
});
