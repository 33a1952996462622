import type { SimClient } from './actions';
import type { Intent, Ledger } from './ledger';
import type { SimPlant } from './plant';
import type { Rng } from './rng';

/**
 * The rejection each deliberately wrong intent must get (S5, A3). The codes are the server's; a
 * renamed or new code changes one line here, not the oracle.
 */
export const BAD_CODES = {
  unknownActor: 'unknown-actor',
  actorNotAtDevice: 'actor-not-at-device',
  consoleActorMismatch: 'actor-mismatch',
  station: 'not-allowed-at-station',
  role: 'role-not-allowed',
  args: 'invalid-args',
  mutation: 'unknown-mutation',
  emptyReport: 'empty-report',
  scrapReason: 'scrap-reason-required',
  stationNotFound: 'station-not-found',
  workOrderNotFound: 'work-order-not-found',
  holdNotFound: 'hold-not-found',
  conflictNotFound: 'conflict-not-found',
} as const;

type Bad = Omit<Intent, 'participant' | 'expect'> & { code: string };

const opsOf = (plant: SimPlant) => plant.records.filter((r) => r.entity === 'operations').map((r) => r.value as { id: string; stationId: string });

/** Something a tablet's own screens would refuse, sent anyway: wrong actor, wrong station, bad arguments. */
function badForTablet(rng: Rng, plant: SimPlant, stations: string[]): Bad {
  const here = stations[0]!;
  const elsewhere = plant.stations.filter((s) => !stations.includes(s));
  const foreignOps = opsOf(plant).filter((o) => !stations.includes(o.stationId));
  const strangers = plant.users.filter((u) => !u.stationIds.some((s) => stations.includes(s)));
  const op = rng.pick(
    opsOf(plant)
      .filter((o) => stations.includes(o.stationId))
      .concat(opsOf(plant)),
  );
  const note = (stationId: string) => ({ id: rng.id('note'), stationId, text: 'bad note' });
  switch (rng.int(5)) {
    case 0:
      return strangers.length
        ? { bad: 'wrong-actor', name: 'addNote', args: note(here), actorId: rng.pick(strangers).id, code: BAD_CODES.actorNotAtDevice }
        : { bad: 'wrong-actor', name: 'addNote', args: note(here), actorId: 'ghost-user', code: BAD_CODES.unknownActor };
    case 1:
      // op-a works everywhere: only the device's stations stop it.
      return foreignOps.length && rng.chance(0.5)
        ? { bad: 'wrong-station', name: 'startOperation', args: { operationId: rng.pick(foreignOps).id }, actorId: 'op-a', code: BAD_CODES.station }
        : { bad: 'wrong-station', name: 'addNote', args: note(rng.pick(elsewhere)), actorId: 'op-a', code: BAD_CODES.station };
    case 2:
      return {
        bad: 'wrong-role',
        name: 'placeHold',
        args: { id: rng.id('hold'), workOrderId: 'wo-1', kind: 'quality', reason: 'x' },
        actorId: 'op-a',
        code: BAD_CODES.role,
      };
    default: {
      const cases: Bad[] = [
        { bad: 'bad-args', name: 'reportQuantity', args: { id: rng.id('q'), operationId: op.id, good: -1, scrap: 0 }, actorId: 'op-a', code: BAD_CODES.args },
        { bad: 'bad-args', name: 'addNote', args: { ...note(here), text: '   ' }, actorId: 'op-a', code: BAD_CODES.args },
        { bad: 'bad-args', name: 'scrapEverything', args: { operationId: op.id }, actorId: 'op-a', code: BAD_CODES.mutation },
        {
          bad: 'bad-args',
          name: 'reportQuantity',
          args: { id: rng.id('q'), operationId: op.id, good: 0, scrap: 0 },
          actorId: 'op-a',
          code: BAD_CODES.emptyReport,
        },
        {
          bad: 'bad-args',
          name: 'reportQuantity',
          args: { id: rng.id('q'), operationId: op.id, good: 0, scrap: 2 },
          actorId: 'op-a',
          code: BAD_CODES.scrapReason,
        },
      ];
      return rng.pick(cases);
    }
  }
}

/** Something the console's screens would refuse: another person as actor, unknown records, bad arguments. */
function badForConsole(rng: Rng, plant: SimPlant): Bad {
  const cases: Bad[] = [
    {
      bad: 'wrong-actor',
      name: 'addNote',
      args: { id: rng.id('note'), stationId: plant.stations[0]!, text: 'as someone else' },
      actorId: 'op-a',
      code: BAD_CODES.consoleActorMismatch,
    },
    {
      bad: 'bad-args',
      name: 'postScheduleChange',
      args: { id: rng.id('chg'), kind: 'note', message: 'm', stationIds: [], workOrderIds: [], requiresAck: false },
      actorId: '',
      code: BAD_CODES.args,
    },
    { bad: 'bad-args', name: 'placeHold', args: { id: rng.id('hold'), workOrderId: 'wo-1', kind: 'bogus', reason: 'x' }, actorId: '', code: BAD_CODES.args },
    {
      bad: 'bad-args',
      name: 'postScheduleChange',
      args: { id: rng.id('chg'), kind: 'note', message: 'm', stationIds: ['st-9'], workOrderIds: [], requiresAck: false },
      actorId: '',
      code: BAD_CODES.stationNotFound,
    },
    {
      bad: 'bad-args',
      name: 'placeHold',
      args: { id: rng.id('hold'), workOrderId: 'wo-404', kind: 'quality', reason: 'x' },
      actorId: '',
      code: BAD_CODES.workOrderNotFound,
    },
    { bad: 'bad-args', name: 'releaseHold', args: { holdId: 'hold-404' }, actorId: '', code: BAD_CODES.holdNotFound },
    { bad: 'bad-args', name: 'resolveConflict', args: { conflictId: 'conflict-404', resolution: 'x' }, actorId: '', code: BAD_CODES.conflictNotFound },
  ];
  return rng.pick(cases);
}

/** Queues one deliberately wrong intent on a tablet or the console, and records the rejection it must get. */
export async function badAction(rng: Rng, plant: SimPlant, p: SimClient, ledger: Ledger, at: string): Promise<string> {
  const b = p.stationIds === 'all' ? badForConsole(rng, plant) : badForTablet(rng, plant, p.stationIds);
  const actorId = b.actorId || p.actorId;
  await ledger.queueRaw(p.db, { participant: p.name, name: b.name, args: b.args, actorId, bad: b.bad, expect: { outcome: 'rejected', code: b.code } }, at);
  return `${p.name} ${actorId} ${b.name}: queued on purpose (${b.bad}), must be rejected ${b.code}`;
}
