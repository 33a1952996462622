import type { Hold, Operation, WorkOrder } from '../../shared/schema';
import type { Store } from '../../server/store/types';

/** Every current record of one entity, parsed, straight from the store. */
export async function allOf<T>(store: Store, entity: Parameters<Store['countRecords']>[0] & string): Promise<T[]> {
  const rows = await store.pull({ after: 0, upTo: await store.head(), scopes: 'all', limit: 1_000_000 });
  return rows.filter((r) => r.entity === entity).map((r) => JSON.parse(r.value) as T);
}

/** A pending operation at `stationId` whose work order has no open hold. */
export async function pendingOpAt(store: Store, stationId: string, skip = 0): Promise<Operation> {
  const holds = await allOf<Hold>(store, 'holds');
  const held = new Set(holds.filter((h) => h.status === 'open').map((h) => h.workOrderId));
  const ops = (await allOf<Operation>(store, 'operations')).filter((o) => o.stationId === stationId && o.status === 'pending' && !held.has(o.workOrderId));
  const op = ops[skip];
  if (!op) throw new Error(`no pending operation at ${stationId}`);
  return op;
}

/** An operation of a work order that is on open hold. */
export async function heldOp(store: Store): Promise<{ op: Operation; hold: Hold; wo: WorkOrder }> {
  const hold = (await allOf<Hold>(store, 'holds')).find((h) => h.status === 'open')!;
  const op = (await allOf<Operation>(store, 'operations')).find((o) => o.workOrderId === hold.workOrderId)!;
  const wo = (await allOf<WorkOrder>(store, 'workOrders')).find((w) => w.id === hold.workOrderId)!;
  return { op, hold, wo };
}
