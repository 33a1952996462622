import type { EntityName } from '../../../shared/schema';
import type { Rng } from './rng';

export interface SimPlant {
  stations: string[];
  /** Tablet name → its stations: overlapping on purpose, so two tablets can touch one operation. */
  tablets: Record<string, string[]>;
  /** Users by id with their stations and role. */
  users: { id: string; role: 'operator' | 'lead'; stationIds: string[] }[];
  records: { entity: EntityName; value: Record<string, unknown> }[];
}

/**
 * The lead signs in on every tablet (A2): a verifier with a proof salt on the record, the proof key
 * on the server and in each tablet's meta, as a real badge + PIN sign-in leaves them. Operators go
 * unproven, as an older app's do.
 */
export const SIM_LEAD_PROOF = {
  userId: 'lead-d',
  key: 'c2ltLWxlYWQtcHJvb2Yta2V5LTMyLWJ5dGVzLWxvbmc=',
  pin: { salt: 'c2lt', iterations: 1, hash: 'c2lt', proofSalt: 'c2lt' },
};

/** A small plant, varied by seed: 3 stations, 4 tablets, a few jobs whose routings span stations. */
export function makeSimPlant(rng: Rng): SimPlant {
  const stations = ['st-1', 'st-2', 'st-3'];
  const tablets = { t1: ['st-1'], t2: ['st-1', 'st-2'], t3: ['st-2', 'st-3'], t4: ['st-3', 'st-1'] };
  const users = [
    { id: 'op-a', role: 'operator' as const, stationIds: ['st-1', 'st-2', 'st-3'] },
    { id: 'op-b', role: 'operator' as const, stationIds: ['st-1'] },
    { id: 'op-c', role: 'operator' as const, stationIds: ['st-2', 'st-3'] },
    { id: 'lead-d', role: 'lead' as const, stationIds: ['st-1', 'st-2', 'st-3'] },
  ];
  const records: SimPlant['records'] = [{ entity: 'departments', value: { id: 'dep-1', name: 'Machining' } }];
  for (const s of stations) records.push({ entity: 'stations', value: { id: s, name: `Station ${s}`, departmentId: 'dep-1', line: 'L1' } });
  records.push({ entity: 'reasonCodes', value: { id: 'rc-sc1', code: 'SC1', kind: 'scrap', label: 'Dimension out' } });
  records.push({ entity: 'reasonCodes', value: { id: 'rc-sc2', code: 'SC2', kind: 'scrap', label: 'Surface' } });
  for (const [i, u] of users.entries())
    records.push({
      entity: 'users',
      value: {
        id: u.id,
        name: `User ${u.id}`,
        badge: `B${i}`,
        role: u.role,
        stationIds: u.stationIds,
        pin: u.id === SIM_LEAD_PROOF.userId ? SIM_LEAD_PROOF.pin : null,
        active: true,
      },
    });
  const jobs = 2 + rng.int(3);
  for (let j = 1; j <= jobs; j++) {
    const route = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(stations));
    const woId = `wo-${j}`;
    records.push({
      entity: 'workOrders',
      value: {
        id: woId,
        number: `WO-${1000 + j}`,
        partNumber: `P-${j}`,
        description: `Part ${j}`,
        revision: 'A',
        quantity: 5 + rng.int(20),
        dueAt: '2026-03-01T00:00:00.000Z',
        priority: 1 + rng.int(9),
        status: 'released',
        operationCount: route.length,
        stationIds: [...new Set(route)],
      },
    });
    for (const [i, s] of route.entries())
      records.push({
        entity: 'operations',
        value: {
          id: `${woId}-op${i + 1}`,
          workOrderId: woId,
          seq: i + 1,
          stationId: s,
          name: `Op ${i + 1}`,
          idealCycleSeconds: 30,
          status: 'pending',
          good: 0,
          scrap: 0,
          lastChange: null,
        },
      });
  }
  return { stations, tablets, users, records };
}
