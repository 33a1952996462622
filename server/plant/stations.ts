import type { Clock } from '../../shared/domain/clock';
import { newId } from '../../shared/ids';
import type { CreateStationRequest, DepartmentRequest, UpdateStationRequest } from '../../shared/protocol';
import type { Department, Operation, Station, User, WorkOrder } from '../../shared/schema';
import { audited, unchanged } from '../audit/office';
import type { UserActor } from '../auth/users';
import { HttpError } from '../errors';
import type { Store, StoreWriter } from '../store/types';
import { draftOf, iso, live, one, sameName, type PlantWrite } from './records';

async function checkDepartmentName(tx: StoreWriter, name: string, except?: string) {
  const clash = (await live(tx, 'departments')).find((d) => d.id !== except && sameName(d.name, name));
  if (clash) throw new HttpError(409, 'department-name-taken', `there is a department ${clash.name} already`);
}

/** A station's name is what the tablets and the console show: two alike would read as one. */
async function checkStationName(tx: StoreWriter, name: string, except?: string) {
  const clash = (await live(tx, 'stations')).find((s) => s.id !== except && sameName(s.name, name));
  if (clash) throw new HttpError(409, 'station-name-taken', `there is a station ${clash.name} already${clash.retired ? ' (retired)' : ''}`);
}

async function checkDepartment(tx: StoreWriter, id: string) {
  const r = await tx.getRecord('departments', id);
  if (!r || r.deleted) throw new HttpError(400, 'unknown-department', `there is no department ${id}`);
}

/** Adds a department. */
export async function createDepartment(store: Store, clock: Clock, actor: UserActor, req: DepartmentRequest): Promise<PlantWrite<Department>> {
  return store.transaction(async (tx) => {
    await checkDepartmentName(tx, req.name);
    const dep = { id: `dep-${newId()}`, name: req.name };
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'createDepartment',
      { departmentId: dep.id, name: dep.name },
      { entity: 'departments', before: null, after: dep },
    );
    return { value: await one(tx, 'departments', dep.id, 'department'), scopes };
  });
}

/** Renames a department; its stations stay in it. */
export async function renameDepartment(store: Store, clock: Clock, actor: UserActor, id: string, req: DepartmentRequest): Promise<PlantWrite<Department>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'departments', id, 'department');
    await checkDepartmentName(tx, req.name, id);
    const after = { ...draftOf(before), name: req.name };
    if (unchanged(before, after)) return { value: before, scopes: [] };
    const scopes = await audited(tx, actor, iso(clock), 'renameDepartment', { departmentId: id, name: req.name }, { entity: 'departments', before, after });
    return { value: await one(tx, 'departments', id, 'department'), scopes };
  });
}

/** Adds a station (work center) to a department, on a line or cell. */
export async function createStation(store: Store, clock: Clock, actor: UserActor, req: CreateStationRequest): Promise<PlantWrite<Station>> {
  return store.transaction(async (tx) => {
    await checkDepartment(tx, req.departmentId);
    await checkStationName(tx, req.name);
    const station = { id: `st-${newId()}`, name: req.name, departmentId: req.departmentId, line: req.line };
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'createStation',
      { stationId: station.id, ...req },
      { entity: 'stations', before: null, after: station },
    );
    return { value: await one(tx, 'stations', station.id, 'station'), scopes };
  });
}

/** Renames a station or moves it to another department or line; its history moves with it. */
export async function updateStation(store: Store, clock: Clock, actor: UserActor, id: string, req: UpdateStationRequest): Promise<PlantWrite<Station>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'stations', id, 'station');
    if (req.departmentId !== undefined) await checkDepartment(tx, req.departmentId);
    if (req.name !== undefined) await checkStationName(tx, req.name, id);
    const after = { ...draftOf(before), ...req };
    if (unchanged(before, after)) return { value: before, scopes: [] };
    const scopes = await audited(tx, actor, iso(clock), 'updateStation', { stationId: id, ...req }, { entity: 'stations', before, after });
    return { value: await one(tx, 'stations', id, 'station'), scopes };
  });
}

const OPEN_WORK_ORDER = new Set<WorkOrder['status']>(['released', 'in-progress']);
const some = (what: string, names: string[]) => {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${what} ${shown} and ${names.length - 3} more` : `${what} ${shown}`;
};

export interface StationBlockers {
  devices: string[];
  people: string[];
  operations: string[];
}

/**
 * What still points at a station, by name: devices not revoked, people
 * (disabled ones too, who would get it back when enabled) and operations not completed of work
 * orders still open.
 */
export async function stationBlockers(tx: StoreWriter, id: string): Promise<StationBlockers> {
  const devices = (await tx.listDevices()).filter((d) => !d.revoked && d.stationIds.includes(id)).map((d) => d.name);
  const people = (await tx.listRecords('users'))
    .filter((r) => !r.deleted)
    .map((r) => JSON.parse(r.value) as User)
    .filter((u) => u.stationIds.includes(id))
    .map((u) => (u.active ? u.name : `${u.name} (disabled)`));
  const workOrders = new Map<string, WorkOrder | undefined>();
  const ops: string[] = [];
  for (const r of await tx.listRecords('operations')) {
    if (r.deleted) continue;
    const op = JSON.parse(r.value) as Operation;
    if (op.stationId !== id || op.status === 'completed') continue;
    if (!workOrders.has(op.workOrderId)) {
      const w = await tx.getRecord('workOrders', op.workOrderId);
      workOrders.set(op.workOrderId, w && !w.deleted ? (JSON.parse(w.value) as WorkOrder) : undefined);
    }
    const wo = workOrders.get(op.workOrderId);
    if (wo && OPEN_WORK_ORDER.has(wo.status)) ops.push(`${wo.number} op ${op.seq}`);
  }
  return { devices, people, operations: ops };
}

/** "Mill 1 is still used by the device Mill tablet; the open operation WO-1 op 10: revoke the device …, then retire it." */
export function blockerText(name: string, b: StationBlockers): string | null {
  const used: string[] = [];
  const todo: string[] = [];
  if (b.devices.length) {
    used.push(some(b.devices.length === 1 ? 'the device' : 'the devices', b.devices));
    todo.push(b.devices.length === 1 ? 'revoke the device or give it other stations' : 'revoke the devices or give them other stations');
  }
  if (b.people.length) {
    used.push(some(b.people.length === 1 ? 'the person' : 'the people', b.people));
    todo.push(b.people.length === 1 ? 'move the person to other stations' : 'move the people to other stations');
  }
  if (b.operations.length) {
    used.push(some(b.operations.length === 1 ? 'the open operation' : 'the open operations', b.operations));
    todo.push(b.operations.length === 1 ? 'finish the operation' : 'finish the operations');
  }
  if (used.length === 0) return null;
  return `${name} is still used by ${used.join('; ')}: ${list(todo)}, then retire it`;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * Retires a station (DESIGN §3): it keeps its history and stays on the replicas (old reports still
 * name it) but is offered for nothing new. Refused while anything still points at it, with what.
 */
export async function retireStation(store: Store, clock: Clock, actor: UserActor, id: string): Promise<PlantWrite<Station>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'stations', id, 'station');
    if (before.retired) return { value: before, scopes: [] };
    const blockers = blockerText(before.name, await stationBlockers(tx, id));
    if (blockers) throw new HttpError(409, 'station-in-use', blockers);
    const after = { ...draftOf(before), retired: true };
    const scopes = await audited(tx, actor, iso(clock), 'retireStation', { stationId: id, name: before.name }, { entity: 'stations', before, after });
    return { value: await one(tx, 'stations', id, 'station'), scopes };
  });
}

/**
 * Puts a retired station back in use (a retire by mistake): offered again for devices, people and
 * operations, as if never retired. Its name cannot clash, since names stay taken while retired.
 */
export async function restoreStation(store: Store, clock: Clock, actor: UserActor, id: string): Promise<PlantWrite<Station>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'stations', id, 'station');
    if (!before.retired) throw new HttpError(409, 'station-not-retired', `${before.name} is not retired, so there is nothing to restore`);
    const { retired: _r, ...after } = draftOf(before);
    const scopes = await audited(tx, actor, iso(clock), 'restoreStation', { stationId: id, name: before.name }, { entity: 'stations', before, after });
    return { value: await one(tx, 'stations', id, 'station'), scopes };
  });
}

/** Stations a device or person may be given: existing and not retired (people.ts, devices.ts). */
export async function checkStationsOpen(tx: Pick<StoreWriter, 'getRecord'>, stationIds: string[]): Promise<void> {
  for (const id of stationIds) {
    const r = await tx.getRecord('stations', id);
    if (!r || r.deleted) throw new HttpError(400, 'unknown-station', `there is no station ${id}`);
    const s = JSON.parse(r.value) as Station;
    if (s.retired) throw new HttpError(409, 'station-retired', `${s.name} is retired`);
  }
}
