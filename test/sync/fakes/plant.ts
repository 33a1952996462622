import { makePinSecrets } from '../../../shared/domain/pin';
import type { EntityName } from '../../../shared/schema';

/** The lead's badge and PIN: a lead acting on a tablet needs the proof their sign-in derives (A2). */
export const LEAD = { id: 'u-ld', badge: 'B5', pin: '2468' };
/** One PBKDF2 round: unit tests check the rules, not the cost. The server keeps `proofKey`. */
export const LEAD_SECRETS = await makePinSecrets(LEAD.pin, 1);

/** A tiny plant for unit tests: two stations, one job with an operation at each. */
export function makePlant(): { entity: EntityName; value: Record<string, unknown> }[] {
  const m = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
  return [
    { entity: 'departments', value: { id: 'dep', name: 'Machining', ...m } },
    { entity: 'stations', value: { id: 's1', name: 'Lathe', departmentId: 'dep', line: '', ...m } },
    { entity: 'stations', value: { id: 's2', name: 'Mill', departmentId: 'dep', line: '', ...m } },
    { entity: 'users', value: { id: 'u-op', name: 'Ana', badge: 'B1', role: 'operator', stationIds: ['s1', 's2'], pin: null, active: true, ...m } },
    {
      entity: 'users',
      value: { id: LEAD.id, name: 'Lu', badge: LEAD.badge, role: 'lead', stationIds: ['s1', 's2'], pin: LEAD_SECRETS.verifier, active: true, ...m },
    },
    { entity: 'users', value: { id: 'u-co', name: 'Cy', badge: 'B9', role: 'coordinator', stationIds: [], pin: null, active: true, ...m } },
    {
      entity: 'workOrders',
      value: {
        id: 'wo1',
        number: 'WO-1',
        partNumber: 'P-1',
        description: 'Shaft',
        revision: 'A',
        quantity: 10,
        dueAt: '2026-02-01T00:00:00.000Z',
        priority: 5,
        status: 'released',
        operationCount: 2,
        stationIds: ['s1', 's2'],
        ...m,
      },
    },
    ...['s1', 's2'].map((s, i) => ({
      entity: 'operations' as const,
      value: {
        id: `op${i + 1}`,
        workOrderId: 'wo1',
        seq: i + 1,
        stationId: s,
        name: `Op ${i + 1}`,
        idealCycleSeconds: 30,
        status: 'pending',
        good: 0,
        scrap: 0,
        lastChange: null,
        ...m,
      },
    })),
  ];
}
