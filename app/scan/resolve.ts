import type { ParsedScan } from '../../shared/barcode';
import type { Hold, Operation, OperationStatus, WorkOrder, WorkOrderStatus } from '../../shared/schema';
import type { FloorboardDB } from '../db';

/** An open hold on the scanned job, for the job screen to show at once. */
export type HoldInfo = Pick<Hold, 'id' | 'kind' | 'reason' | 'operationId'>;

/** What a scan leads to on this tablet (DESIGN §9, T5). */
export type ScanTarget =
  /** Open `/station/:stationId/job/:operationId`; `holds` are the open holds that block it. */
  | { kind: 'job'; operationId: string; stationId: string; workOrder: string; holds: HoldInfo[] }
  /** The job is not at this tablet's stations; `stationName` is null when the replica does not know where. */
  | { kind: 'elsewhere'; workOrder: string; stationName: string | null; status: OperationStatus | WorkOrderStatus }
  /** T5: the printed traveler's revision is not the released one. */
  | { kind: 'superseded'; workOrder: string; printed: string; released: string }
  | { kind: 'unknown'; raw: string };

/** The text a scan showed, for the words of an `unknown`. */
function shown(p: ParsedScan): string {
  switch (p.kind) {
    case 'traveler':
      return `${p.workOrder} ${p.seq ?? ''} ${p.revision}`.replace(/\s+/g, ' ');
    case 'work-order':
      return p.number;
    case 'badge':
      return p.badge;
    case 'gs1':
      return [p.gtin, p.lot, p.serial].filter(Boolean).join(' ');
    case 'unknown':
      return p.raw;
  }
}

/**
 * Looks a parsed scan up in the tablet's replica, offline as online. `stationIds` are the stations
 * the tablet serves: a job at one of them opens; a job anywhere else says where it is.
 */
export async function resolveScan(db: FloorboardDB, parsed: ParsedScan, stationIds: readonly string[]): Promise<ScanTarget> {
  if (parsed.kind !== 'traveler' && parsed.kind !== 'work-order') return { kind: 'unknown', raw: shown(parsed) };
  const number = parsed.kind === 'traveler' ? parsed.workOrder : parsed.number;
  // By the replica's index on `number` (version 6): a station of 10,000 work orders answers at once.
  const wo = await db.entity('workOrders').where('number').equals(number).first();
  if (!wo) return { kind: 'unknown', raw: shown(parsed) };

  if (parsed.kind === 'traveler') {
    const travelers = await db.entity('travelers').where('workOrderId').equals(wo.id).toArray();
    // The released traveler record decides; a replica without one falls back to the work order's revision.
    const released = travelers.find((t) => t.status === 'released')?.revision ?? wo.revision;
    if (released !== parsed.revision) return { kind: 'superseded', workOrder: wo.number, printed: parsed.revision, released };
  }

  const ops = (await db.entity('operations').where('workOrderId').equals(wo.id).toArray()).sort((a, b) => a.seq - b.seq);
  const mine = ops.filter((o) => stationIds.includes(o.stationId));
  const seq = parsed.kind === 'traveler' ? parsed.seq : null;
  const op = seq === null ? (mine.find((o) => o.status !== 'completed') ?? mine.at(-1)) : mine.find((o) => o.seq === seq);
  if (op) return { kind: 'job', operationId: op.id, stationId: op.stationId, workOrder: wo.number, holds: await openHolds(db, wo, op) };
  return elsewhere(db, wo, seq === null ? ops.find((o) => o.status !== 'completed') : ops.find((o) => o.seq === seq), stationIds);
}

async function elsewhere(db: FloorboardDB, wo: WorkOrder, op: Operation | undefined, stationIds: readonly string[]): Promise<ScanTarget> {
  // The replica holds another station's operation only when that station shares this tablet's
  // scope; otherwise the work order's routing names the stations it goes to.
  const stationId = op?.stationId ?? wo.stationIds.find((s) => !stationIds.includes(s));
  const station = stationId ? await db.entity('stations').get(stationId) : undefined;
  return { kind: 'elsewhere', workOrder: wo.number, stationName: station?.name ?? null, status: op?.status ?? wo.status };
}

async function openHolds(db: FloorboardDB, wo: WorkOrder, op: Operation): Promise<HoldInfo[]> {
  const holds = await db.entity('holds').where('workOrderId').equals(wo.id).toArray();
  return holds
    .filter((h) => h.status === 'open' && (h.operationId === null || h.operationId === op.id))
    .map((h) => ({ id: h.id, kind: h.kind, reason: h.reason, operationId: h.operationId }));
}
