import { describe, expect, it } from 'vitest';
import type { SyncClient } from '../../app/sync';
import type { SyncClientLike } from '../../app/session/runtime';
import type { ConsoleContextValue } from '../../app/screens/console/console-context';

// Type-level: `tsc --noEmit -p .` checks this file (tsconfig includes test/). Each @ts-expect-error
// fails the type-check the day its call compiles again, i.e. the day mutate's typing regresses.
// The functions are never called: the compiler is the test.

function tablet(client: SyncClient) {
  void client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
  void client.mutate('reportQuantity', { id: 'q1', operationId: 'op1', good: 1, scrap: 0 }, 'u-op', { base: 3 });
  // @ts-expect-error a wrong argument name
  void client.mutate('startOperation', { opId: 'op1' }, 'u-op');
  // @ts-expect-error a wrong mutation name
  void client.mutate('startOperations', { operationId: 'op1' }, 'u-op');
  // @ts-expect-error a wrong argument type
  void client.mutate('reportQuantity', { id: 'q1', operationId: 'op1', good: '1', scrap: 0 }, 'u-op');
  // @ts-expect-error a missing argument
  void client.mutate('addNote', { id: 'n1', stationId: 's1' }, 'u-op');
  // @ts-expect-error a value outside the enum
  void client.mutate('placeHold', { id: 'h1', workOrderId: 'wo1', kind: 'paperwork', reason: 'r' }, 'u-lead');
  // The one untyped door, for bad input on purpose.
  void client.mutateUnchecked('launchRocket', { to: 'mars' }, 'u-op');
}

function screens(client: SyncClientLike) {
  void client.mutate('addNote', { id: 'n1', stationId: 's1', text: 'coolant low' }, 'u-op');
  // @ts-expect-error a wrong argument name
  void client.mutate('addNote', { id: 'n1', station: 's1', text: 'coolant low' }, 'u-op');
}

function consolePanels(c: ConsoleContextValue) {
  void c.mutate('releaseHold', { holdId: 'h1' });
  // @ts-expect-error a wrong mutation name
  void c.mutate('releaseHolds', { holdId: 'h1' });
}

describe('mutate is typed end to end', () => {
  it('the type-level checks above are compiled (tsc), not run', () => {
    expect([tablet, screens, consolePanels].every((f) => typeof f === 'function')).toBe(true);
  });
});
