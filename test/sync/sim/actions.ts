import type { SyncClient } from '../../../app/sync';
import type { MutationCall } from '../../../shared/domain/mutators';
import type { FloorboardDB } from '../../../app/db';
import type { SimPlant } from './plant';
import type { Ledger } from './ledger';
import type { Rng } from './rng';

export interface SimClient {
  name: string;
  db: FloorboardDB;
  client: SyncClient;
  /** Tablet stations, or 'all' for the console. */
  stationIds: string[] | 'all';
  actorId: string;
}

/** One random thing a person does on a tablet, chosen from what the tablet shows right now. */
export async function tabletAction(rng: Rng, plant: SimPlant, t: SimClient, ledger: Ledger): Promise<string> {
  const stations = t.stationIds as string[];
  const people = plant.users.filter((u) => u.stationIds.some((s) => stations.includes(s)));
  const user = rng.pick(people);
  const ops = await t.db.entity('operations').toArray();
  const op = ops.length ? rng.pick(ops) : undefined;
  const roll = rng.int(10);
  let call: MutationCall;
  if ((roll <= 4 || (roll === 9 && rng.chance(0.6))) && op) {
    const name = rng.pick(['startOperation', 'startOperation', 'pauseOperation', 'completeOperation'] as const);
    call = { name, args: { operationId: op.id } };
  } else if (roll <= 6 && op) {
    const scrap = rng.chance(0.3) ? 1 + rng.int(2) : 0;
    call = {
      name: 'reportQuantity',
      args: {
        id: rng.id('q'),
        operationId: op.id,
        good: scrap ? rng.int(3) : 1 + rng.int(4),
        scrap,
        ...(scrap ? { scrapReason: rng.pick(['SC1', 'SC2']) } : {}),
      },
    };
  } else if (roll === 7) {
    const changes = await t.db.entity('scheduleChanges').toArray();
    if (!changes.length) return `${t.name}: nothing to acknowledge`;
    call = { name: 'acknowledgeChange', args: { changeId: rng.pick(changes).id } };
  } else if (roll === 8 || !op) {
    call = { name: 'addNote', args: { id: rng.id('note'), stationId: rng.pick(stations), text: `note ${rng.int(1000)}` } };
  } else {
    const holds = (await t.db.entity('holds').toArray()).filter((h) => h.status === 'open');
    if (holds.length && rng.chance(0.5)) {
      call = { name: 'releaseHold', args: { holdId: rng.pick(holds).id } };
    } else {
      call = { name: 'placeHold', args: { id: rng.id('hold'), workOrderId: op.workOrderId, kind: 'quality', reason: 'check' } };
    }
    const lead = plant.users.find((u) => u.role === 'lead')!;
    return act(ledger, t, call, lead.id);
  }
  return act(ledger, t, call, user.id);
}

/** One random thing the coordinator does at the console: post a change, place or release a hold. */
export async function consoleAction(rng: Rng, plant: SimPlant, c: SimClient, ledger: Ledger): Promise<string> {
  const wos = await c.db.entity('workOrders').toArray();
  const holds = (await c.db.entity('holds').toArray()).filter((h) => h.status === 'open');
  let call: MutationCall;
  const open = (await c.db.entity('conflicts').toArray()).filter((x) => x.status === 'open');
  if (open.length && rng.chance(0.2)) {
    const args = { conflictId: rng.pick(open).id, resolution: 'talked to the operator' };
    return act(ledger, c, { name: 'resolveConflict', args }, c.actorId);
  }
  const roll = holds.length ? rng.int(4) : rng.int(3);
  if (roll === 0 || !wos.length) {
    const st = plant.stations.filter(() => rng.chance(0.6));
    call = {
      name: 'postScheduleChange',
      args: {
        id: rng.id('chg'),
        kind: rng.pick(['priority-shift', 'note', 'expedite'] as const),
        message: `change ${rng.int(100)}`,
        stationIds: st.length ? st : [plant.stations[0]!],
        workOrderIds: wos.length ? [rng.pick(wos).id] : [],
        requiresAck: rng.chance(0.7),
      },
    };
  } else if (roll === 1 || !holds.length) {
    // Placing holds on jobs tablets are working on is what makes their offline starts conflict.
    const kind = rng.pick(['quality', 'material'] as const);
    call = { name: 'placeHold', args: { id: rng.id('hold'), workOrderId: rng.pick(wos).id, kind, reason: 'inspect' } };
  } else {
    call = { name: 'releaseHold', args: { holdId: rng.pick(holds).id } };
  }
  return act(ledger, c, call, c.actorId);
}

/** A note by someone who works at the tablet: always queued, so there is something to push. */
export async function writeNote(rng: Rng, plant: SimPlant, t: SimClient, ledger: Ledger): Promise<string> {
  const stations = t.stationIds as string[];
  const user = rng.pick(plant.users.filter((u) => u.stationIds.some((s) => stations.includes(s))));
  const stationId = rng.pick(stations.filter((s) => user.stationIds.includes(s)));
  return act(ledger, t, { name: 'addNote', args: { id: rng.id('note'), stationId, text: `note ${rng.int(1000)}` } }, user.id);
}

/** Mutates through the app as a person would, and records the intent if the app queued it. */
async function act(ledger: Ledger, t: SimClient, { name, args }: MutationCall, actor: string): Promise<string> {
  const r = await t.client.mutate(name, args, actor);
  await ledger.recordMutate(t.db, { participant: t.name, name, args, actorId: actor }, r);
  return `${t.name} ${actor} ${name}: local ${r.outcome}${r.outcome !== 'applied' ? ` ${r.code}` : ''}`;
}
