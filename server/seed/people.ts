import { makePinSecrets, PIN_ITERATIONS } from '../../shared/domain/pin';
import { COORDINATOR_USER_ID } from '../auth/bootstrap';
import type { SeedRecord } from './write';

/** The demo roster. PINs are here only so `npm run demo` can print them; the records keep verifiers. */
export const DEMO_USERS = [
  { id: COORDINATOR_USER_ID, name: 'Production Coordinator', badge: 'C0001', pin: '2468', role: 'coordinator', stationIds: [] },
  { id: 'u-lead-santos', name: 'Maria Santos', badge: 'B2001', pin: '7391', role: 'lead', stationIds: ['st-mill-1', 'st-lathe-1', 'st-5axis-1'] },
  {
    id: 'u-lead-olsen',
    name: 'Derek Olsen',
    badge: 'B2002',
    pin: '5820',
    role: 'lead',
    stationIds: ['st-laser-1', 'st-brake-1', 'st-weld-1', 'st-assembly-1', 'st-test-1'],
  },
  { id: 'u-op-nguyen', name: 'Linh Nguyen', badge: 'B1001', pin: '1357', role: 'operator', stationIds: ['st-mill-1', 'st-5axis-1'] },
  { id: 'u-op-kowalski', name: 'Pete Kowalski', badge: 'B1002', pin: '8642', role: 'operator', stationIds: ['st-lathe-1'] },
  { id: 'u-op-okafor', name: 'Chidi Okafor', badge: 'B1003', pin: '4826', role: 'operator', stationIds: ['st-5axis-1', 'st-mill-1'] },
  { id: 'u-op-garcia', name: 'Ana Garcia', badge: 'B1004', pin: '3197', role: 'operator', stationIds: ['st-laser-1', 'st-brake-1'] },
  { id: 'u-op-brennan', name: 'Sean Brennan', badge: 'B1005', pin: '6053', role: 'operator', stationIds: ['st-weld-1'] },
  { id: 'u-op-yamamoto', name: 'Kenji Yamamoto', badge: 'B1006', pin: '9274', role: 'operator', stationIds: ['st-brake-1', 'st-weld-1'] },
  { id: 'u-op-haddad', name: 'Rania Haddad', badge: 'B1007', pin: '5418', role: 'operator', stationIds: ['st-assembly-1'] },
  { id: 'u-op-lindqvist', name: 'Erik Lindqvist', badge: 'B1008', pin: '7702', role: 'operator', stationIds: ['st-test-1', 'st-assembly-1'] },
] as const;

/** User records with salted PIN verifiers, and each PIN's proof key for the server (A2). */
export async function userSecrets(iterations = PIN_ITERATIONS): Promise<{ records: SeedRecord[]; proofKeys: { userId: string; key: string }[] }> {
  const made = await Promise.all(DEMO_USERS.map(async ({ pin, ...u }) => ({ u, secrets: await makePinSecrets(pin, iterations) })));
  return {
    records: made.map(({ u, secrets }) => ({ entity: 'users' as const, value: { ...u, stationIds: [...u.stationIds], pin: secrets.verifier, active: true } })),
    proofKeys: made.map(({ u, secrets }) => ({ userId: u.id, key: secrets.proofKey })),
  };
}

/** User records with salted PIN verifiers; tests pass few iterations to stay fast. */
export async function userRecords(iterations = PIN_ITERATIONS): Promise<SeedRecord[]> {
  return (await userSecrets(iterations)).records;
}
