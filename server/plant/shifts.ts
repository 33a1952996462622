import type { Clock } from '../../shared/domain/clock';
import { shiftMinutes, shiftProblem } from '../../shared/domain/shifts';
import { newId } from '../../shared/ids';
import type { CreateShiftRequest, UpdateShiftRequest } from '../../shared/protocol';
import type { Shift } from '../../shared/schema';
import { audited, unchanged } from '../audit/office';
import type { UserActor } from '../auth/users';
import { HttpError } from '../errors';
import type { Store, StoreWriter } from '../store/types';
import { draftOf, iso, live, one, sameName, type PlantWrite } from './records';

type ShiftDraft = Omit<Shift, 'version' | 'updatedAt'>;

/** The rules of shiftProblem as HTTP errors with words, and a name that reads as one shift. */
async function checkShift(tx: StoreWriter, s: ShiftDraft) {
  const problem = shiftProblem(s);
  if (problem === 'shift-times-equal') throw new HttpError(400, problem, 'a shift must end at another time than it starts');
  if (problem) throw new HttpError(400, problem, `planned breaks must be shorter than the shift (${shiftMinutes(s.start, s.end)} minutes)`);
  const clash = (await live(tx, 'shifts')).find((x) => x.id !== s.id && sameName(x.name, s.name));
  if (clash) throw new HttpError(409, 'shift-name-taken', `there is a shift ${clash.name} already`);
}

/** Adds a shift to the plant calendar; an end before the start crosses midnight. */
export async function createShift(store: Store, clock: Clock, actor: UserActor, req: CreateShiftRequest): Promise<PlantWrite<Shift>> {
  return store.transaction(async (tx) => {
    const shift = { id: `shift-${newId()}`, ...req };
    await checkShift(tx, shift);
    const scopes = await audited(tx, actor, iso(clock), 'createShift', { shiftId: shift.id, ...req }, { entity: 'shifts', before: null, after: shift });
    return { value: await one(tx, 'shifts', shift.id, 'shift'), scopes };
  });
}

/** Changes a shift's name, times or breaks; periods already reported are not recomputed here. */
export async function updateShift(store: Store, clock: Clock, actor: UserActor, id: string, req: UpdateShiftRequest): Promise<PlantWrite<Shift>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'shifts', id, 'shift');
    const after = { ...draftOf(before), ...req };
    await checkShift(tx, after);
    if (unchanged(before, after)) return { value: before, scopes: [] };
    const scopes = await audited(tx, actor, iso(clock), 'updateShift', { shiftId: id, ...req }, { entity: 'shifts', before, after });
    return { value: await one(tx, 'shifts', id, 'shift'), scopes };
  });
}

/**
 * Removes a shift from the calendar: a tombstone, so the replicas drop it; what it was stays in the
 * audit chain (A4). Shifts are a definition, not an event, so nothing else holds its id.
 */
export async function removeShift(store: Store, clock: Clock, actor: UserActor, id: string): Promise<PlantWrite<null>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'shifts', id, 'shift');
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'removeShift',
      { shiftId: id, name: before.name },
      { entity: 'shifts', before, after: draftOf(before), deleted: true },
    );
    return { value: null, scopes };
  });
}
