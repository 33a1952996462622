import { newId } from '../../shared/ids';
import type { Clock } from '../../shared/domain/clock';
import { makePinSecrets, pinProblem, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from '../../shared/domain/pin';
import type { CreatePersonRequest, FloorPerson, UpdatePersonRequest } from '../../shared/protocol';
import { FloorRole, type User } from '../../shared/schema';
import { HttpError, notFound } from '../errors';
import { checkStationsOpen } from '../plant/stations';
import type { Store, StoreWriter } from '../store/types';
import { audited, unchanged } from '../audit/office';
import { parseUser, type UserActor } from './users';

/** What a write reached: the person as listed, and the scopes to poke (server/routes/people.ts). */
export interface PersonWrite {
  person: FloorPerson;
  scopes: string[];
}

const isFloorRole = (role: string) => FloorRole.safeParse(role).success;

/** The console's view of a user: whether a PIN is set, never the verifier or the proof key. */
export function toFloorPerson(u: User): FloorPerson {
  const person = { id: u.id, name: u.name, badge: u.badge, role: u.role, stationIds: u.stationIds, active: u.active, hasPin: u.pin !== null };
  return u.language ? { ...person, language: u.language } : person;
}

/** The PIN rules (A2) as an HTTP error, with words the CLI prints as they are. */
function checkPin(pin: string): void {
  const problem = pinProblem(pin);
  if (problem === 'pin-format') throw new HttpError(400, problem, `a PIN is ${MIN_PIN_LENGTH} to ${MAX_PIN_LENGTH} digits, digits only`);
  if (problem) throw new HttpError(400, problem, 'a PIN may not be one digit repeated or a run such as 1234, 7890 or 9876');
}

/** Operators and leads work at stations, so they need at least one, and each must exist and not be retired. */
async function checkStations(tx: StoreWriter, stationIds: string[]): Promise<string[]> {
  const unique = [...new Set(stationIds)];
  if (unique.length === 0) throw new HttpError(400, 'stations-required', 'an operator or lead needs at least one station');
  await checkStationsOpen(tx, unique);
  return unique;
}

/** A badge names one person: the tablet matches it as scanned, and `b1001` beside `B1001` would read as one. */
async function checkBadgeFree(tx: StoreWriter, badge: string): Promise<void> {
  const lower = badge.toLowerCase();
  for (const r of await tx.listRecords('users')) {
    if (!r.deleted && parseUser(r.value).badge.toLowerCase() === lower) throw new HttpError(409, 'badge-taken', `the badge ${badge} belongs to someone else`);
  }
}

async function floorPerson(tx: StoreWriter, id: string): Promise<User> {
  const r = await tx.getRecord('users', id);
  if (!r || r.deleted) throw notFound('no such person');
  const u = parseUser(r.value);
  if (!isFloorRole(u.role)) throw new HttpError(409, 'not-a-floor-person', `${u.name} is a console user: change them under console users`);
  return u;
}

const draftOf = ({ version: _v, updatedAt: _u, ...draft }: User) => draft;
const iso = (clock: Clock) => new Date(clock.now()).toISOString();

/** Every operator and lead, by name; disabled ones too, so they can be enabled again. */
export async function listPeople(store: Store): Promise<FloorPerson[]> {
  const people = (await store.listRecords('users')).filter((r) => !r.deleted).map((r) => parseUser(r.value));
  return people
    .filter((u) => isFloorRole(u.role))
    .map(toFloorPerson)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Adds an operator or lead (A2); with a PIN, its verifier and proof key are written in the same transaction. */
export async function createPerson(store: Store, clock: Clock, actor: UserActor, req: CreatePersonRequest): Promise<PersonWrite> {
  if (req.pin !== undefined) checkPin(req.pin);
  // PBKDF2 twice: slow on purpose (A2), so it runs before the transaction, never inside it.
  const secrets = req.pin === undefined ? undefined : await makePinSecrets(req.pin);
  return store.transaction(async (tx) => {
    const stationIds = await checkStations(tx, req.stationIds);
    await checkBadgeFree(tx, req.badge);
    const language = req.language ? { language: req.language } : {};
    const user = {
      id: `u-${newId()}`,
      name: req.name,
      badge: req.badge,
      role: req.role,
      stationIds,
      pin: secrets?.verifier ?? null,
      active: true,
      ...language,
    };
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'createPerson',
      { userId: user.id, name: user.name, badge: user.badge, role: user.role, stationIds, pinSet: secrets !== undefined, ...language },
      { before: null, after: user },
    );
    if (secrets) await tx.setProofKey(user.id, secrets.proofKey);
    return { person: toFloorPerson({ ...user, version: 0, updatedAt: '' }), scopes };
  });
}

/** Changes a person's name, role, stations or language; the badge stays with the person. */
export async function updatePerson(store: Store, clock: Clock, actor: UserActor, id: string, req: UpdatePersonRequest): Promise<PersonWrite> {
  return store.transaction(async (tx) => {
    const before = await floorPerson(tx, id);
    const after = {
      ...draftOf(before),
      ...(req.name === undefined ? {} : { name: req.name }),
      ...(req.role === undefined ? {} : { role: req.role }),
      ...(req.stationIds === undefined ? {} : { stationIds: await checkStations(tx, req.stationIds) }),
      ...(req.language === undefined ? {} : { language: req.language }),
    };
    if (unchanged(before, after)) return { person: toFloorPerson(before), scopes: [] };
    const scopes = await audited(tx, actor, iso(clock), 'updatePerson', { userId: id, ...req }, { before, after });
    return { person: toFloorPerson({ ...after, version: 0, updatedAt: '' }), scopes };
  });
}

/**
 * Sets or resets a PIN (A2): the new verifier in the synced record and the new proof key, in one
 * transaction, so a proof made with the old PIN stops verifying the moment the new one counts.
 * Any user who signs in at tablets may get one (office roles walk the floor too); not the auditor.
 */
export async function setPin(store: Store, clock: Clock, actor: UserActor, id: string, pin: string): Promise<PersonWrite> {
  checkPin(pin);
  const secrets = await makePinSecrets(pin);
  return store.transaction(async (tx) => {
    const r = await tx.getRecord('users', id);
    if (!r || r.deleted) throw notFound('no such person');
    const before = parseUser(r.value);
    if (before.role === 'auditor') throw new HttpError(409, 'no-pin-for-role', 'the auditor is read-only and never signs in at a tablet');
    const after = { ...draftOf(before), pin: secrets.verifier };
    const scopes = await audited(tx, actor, iso(clock), 'setPin', { userId: id, badge: before.badge }, { before, after });
    await tx.setProofKey(id, secrets.proofKey);
    return { person: toFloorPerson({ ...after, version: 0, updatedAt: '' }), scopes };
  });
}

/**
 * Disables (or enables again) an operator or lead. A disabled person's record stays on the tablets
 * with `active: false`, so they refuse the sign-in offline too, and the server refuses every later
 * mutation in their name (`actor-inactive`, server/sync/authorize.ts).
 */
export async function setPersonActive(store: Store, clock: Clock, actor: UserActor, id: string, active: boolean): Promise<PersonWrite> {
  return store.transaction(async (tx) => {
    const before = await floorPerson(tx, id);
    if (before.active === active) return { person: toFloorPerson(before), scopes: [] };
    const after = { ...draftOf(before), active };
    const scopes = await audited(tx, actor, iso(clock), active ? 'enablePerson' : 'disablePerson', { userId: id, badge: before.badge }, { before, after });
    return { person: toFloorPerson({ ...after, version: 0, updatedAt: '' }), scopes };
  });
}

/** The user with this badge, matched in any case as the badge check does; for the CLI. */
export async function findByBadge(store: Store, badge: string): Promise<User | undefined> {
  const lower = badge.trim().toLowerCase();
  return (await store.listRecords('users')).map((r) => (r.deleted ? undefined : parseUser(r.value))).find((u) => u?.badge.toLowerCase() === lower);
}
