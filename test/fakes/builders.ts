import type {
  Acknowledgement,
  Conflict,
  Document,
  Hold,
  Note,
  Operation,
  QuantityReport,
  ReasonCode,
  ScheduleChange,
  Shift,
  Station,
  Traveler,
  User,
  WorkOrder,
} from '../../shared/schema';
import type { Actor, MutationContext } from '../../shared/domain/tx';
import type { MemoryTx } from './memory-tx';

/** Valid defaults for every builder: two stations on one job, one station off it. */
export const IDS = {
  saw: 'st-saw',
  mill: 'st-mill',
  paint: 'st-paint',
  wo: 'wo-1',
  opSaw: 'op-1',
  opMill: 'op-2',
  change: 'chg-1',
  hold: 'hold-1',
  operator: 'u-op',
  lead: 'u-lead',
  coordinator: 'u-coord',
  device: 'dev-saw',
} as const;

export const T0 = '2026-11-21T09:00:00.000Z';
export const SERVER_NOW = '2026-11-21T12:00:00.000Z';

const meta = { version: 0, updatedAt: T0 };

export const makeStation = (o: Partial<Station> = {}): Station => ({
  id: IDS.saw,
  name: 'Saw 1',
  departmentId: 'dept-fab',
  line: 'A',
  ...meta,
  ...o,
});

export const makeWorkOrder = (o: Partial<WorkOrder> = {}): WorkOrder => ({
  id: IDS.wo,
  number: 'WO-10042',
  partNumber: 'P-778',
  description: 'Bracket, steel',
  revision: 'C',
  quantity: 100,
  dueAt: '2026-11-25T16:00:00.000Z',
  priority: 10,
  status: 'released',
  operationCount: 2,
  stationIds: [IDS.saw, IDS.mill],
  ...meta,
  ...o,
});

export const makeOperation = (o: Partial<Operation> = {}): Operation => ({
  id: IDS.opSaw,
  workOrderId: IDS.wo,
  seq: 1,
  stationId: IDS.saw,
  name: 'Cut to length',
  idealCycleSeconds: 30,
  status: 'pending',
  good: 0,
  scrap: 0,
  lastChange: null,
  ...meta,
  ...o,
});

export const makeHold = (o: Partial<Hold> = {}): Hold => ({
  id: IDS.hold,
  workOrderId: IDS.wo,
  operationId: null,
  kind: 'quality',
  reason: 'burrs on edge',
  status: 'open',
  placedBy: IDS.lead,
  placedDeviceId: 'dev-lead',
  placedAt: '2026-11-21T09:55:00.000Z',
  releasedBy: null,
  releasedDeviceId: null,
  releasedAt: null,
  stationIds: [IDS.saw, IDS.mill],
  ...meta,
  ...o,
});

export const makeUser = (o: Partial<User> = {}): User => ({
  id: IDS.operator,
  name: 'Ana Operator',
  badge: 'B-100',
  role: 'operator',
  stationIds: [IDS.saw],
  pin: null,
  active: true,
  ...meta,
  ...o,
});

/** A schedule change (DESIGN §3 `scheduleChanges`). */
export const makeChange = (o: Partial<ScheduleChange> = {}): ScheduleChange => ({
  id: IDS.change,
  kind: 'priority-shift',
  message: 'WO-10042 moves to the front',
  stationIds: [IDS.saw],
  workOrderIds: [IDS.wo],
  requiresAck: true,
  postedBy: IDS.coordinator,
  postedAt: '2026-11-21T08:00:00.000Z',
  ...meta,
  ...o,
});

export const makeAcknowledgement = (o: Partial<Acknowledgement> = {}): Acknowledgement => ({
  id: `${IDS.change}:${IDS.operator}`,
  changeId: IDS.change,
  userId: IDS.operator,
  deviceId: IDS.device,
  stationId: IDS.saw,
  at: T0,
  stationIds: [IDS.saw],
  ...meta,
  ...o,
});

export const makeReasonCode = (o: Partial<ReasonCode> = {}): ReasonCode => ({
  id: 'rc-burr',
  code: 'BURR',
  kind: 'scrap',
  label: 'Burrs',
  ...meta,
  ...o,
});

export const makeQuantityReport = (o: Partial<QuantityReport> = {}): QuantityReport => ({
  id: 'qr-1',
  operationId: IDS.opSaw,
  workOrderId: IDS.wo,
  stationId: IDS.saw,
  good: 5,
  scrap: 0,
  scrapReason: null,
  userId: IDS.operator,
  deviceId: IDS.device,
  at: T0,
  flags: [],
  ...meta,
  ...o,
});

/** A day shift, 06:00 to 14:00 on the plant's wall clock. */
export const makeShift = (o: Partial<Shift> = {}): Shift => ({
  id: 'shift-day',
  name: 'Day',
  start: '06:00',
  end: '14:00',
  plannedBreakMinutes: 30,
  ...meta,
  ...o,
});

export const makeNote = (o: Partial<Note> = {}): Note => ({
  id: 'note-1',
  stationId: IDS.saw,
  text: 'coolant low',
  userId: IDS.operator,
  deviceId: IDS.device,
  at: T0,
  ...meta,
  ...o,
});

export const makeConflict = (o: Partial<Conflict> = {}): Conflict => ({
  id: 'client-a:7',
  mutation: 'completeOperation',
  args: { operationId: IDS.opSaw },
  actorId: IDS.operator,
  deviceId: IDS.device,
  at: T0,
  code: 'operation-already-completed',
  message: 'the operation is already completed',
  other: null,
  kept: { status: 'completed' },
  stationIds: [IDS.saw],
  status: 'open',
  resolvedBy: null,
  resolution: null,
  ...meta,
  ...o,
});

/** A released drawing (T2), listed by no traveler yet. */
export const makeDocument = (o: Partial<Document> = {}): Document => ({
  id: 'doc-1',
  number: 'DWG-778',
  title: 'Bracket drawing',
  revision: 'A',
  status: 'released',
  contentType: 'application/pdf',
  sha256: 'a'.repeat(64),
  bytes: 1234,
  reviewDueAt: null,
  releasedAt: T0,
  releasedBy: IDS.coordinator,
  stationIds: [],
  ...meta,
  ...o,
});

/** The released traveler of the standard job at revision C (T1). */
export const makeTraveler = (o: Partial<Traveler> = {}): Traveler => ({
  id: 'trv-1',
  workOrderId: IDS.wo,
  barcode: 'FB1|WO-10042||C',
  revision: 'C',
  status: 'released',
  documentIds: [],
  flags: [],
  notes: '',
  releasedAt: T0,
  releasedBy: IDS.coordinator,
  stationIds: [IDS.saw, IDS.mill],
  ...meta,
  ...o,
});

export const makeActor = (o: Partial<Actor> = {}): Actor => ({ id: IDS.operator, role: 'operator', stationIds: [IDS.saw], ...o });

/** A mutation context: an operator at the saw's tablet, unless overridden. `actor` merges into `makeActor`. */
export const makeActorCtx = (o: Partial<Omit<MutationContext, 'actor'>> & { actor?: Partial<Actor> } = {}): MutationContext => {
  const { actor, ...rest } = o;
  return { deviceId: IDS.device, deviceStationIds: [IDS.saw], at: '2026-11-21T10:02:00.000Z', now: SERVER_NOW, ...rest, actor: makeActor(actor) };
};
export const makeCtx = makeActorCtx;

/** The coordinator console: scope 'all', any station. */
export const makeConsoleCtx = (o: Partial<Omit<MutationContext, 'actor'>> & { actor?: Partial<Actor> } = {}): MutationContext =>
  makeActorCtx({ deviceId: 'console', deviceStationIds: 'all', ...o, actor: { id: IDS.coordinator, role: 'coordinator', stationIds: [], ...o.actor } });

/** Seeds the standard floor: saw, mill and paint; one job routed saw → mill; a scrap reason; one change to the saw. */
export function seedFloor(tx: MemoryTx): MemoryTx {
  return tx
    .seed('stations', makeStation(), makeStation({ id: IDS.mill, name: 'Mill 2' }), makeStation({ id: IDS.paint, name: 'Paint booth' }))
    .seed('workOrders', makeWorkOrder())
    .seed('operations', makeOperation(), makeOperation({ id: IDS.opMill, seq: 2, stationId: IDS.mill, name: 'Mill slots' }))
    .seed(
      'reasonCodes',
      makeReasonCode(),
      makeReasonCode({ id: 'rc-dent', code: 'DENT', label: 'Dent' }),
      makeReasonCode({ id: 'rc-jam', code: 'JAM', kind: 'downtime-unplanned', label: 'Jam' }),
    )
    .seed('scheduleChanges', makeChange());
}
