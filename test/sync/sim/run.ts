import 'fake-indexeddb/auto';
import { getMeta } from '../../../app/db';
import { consoleAction, tabletAction } from './actions';
import { checkLedger, diffReplica, freshPull } from './check';
import { disposeParticipant, makeConsole, makeTablet, openSecondTab, reloadParticipant, type SimParticipant } from './clients';
import { createNetwork, NO_FAULTS, type Faults } from './network';
import { makeSimPlant } from './plant';
import { createRng } from './rng';
import { createSimServer } from './server';

export interface SimOptions {
  steps?: number;
  faults?: Faults;
  /** Chance per step that the server restarts (between commits). */
  restart?: number;
}

export const DEFAULT_FAULTS: Faults = { dropRequest: 0.05, dropResponse: 0.1, duplicate: 0.1, maxDelayTurns: 3 };
/** `--chaos`: a much worse network and twice the restarts. */
export const CHAOS: SimOptions = { faults: { dropRequest: 0.15, dropResponse: 0.3, duplicate: 0.3, maxDelayTurns: 8 }, restart: 0.1 };

export interface SimResult {
  seed: number;
  problems: string[];
  log: string[];
  /** Server-side outcomes by kind, to see that a seed exercised conflicts at all. */
  outcomes: Record<string, number>;
  ms: Record<string, number>;
}

/** One seeded run of DESIGN §12: tablets, a console, a faulty network and a restarting server. */
export async function runSeed(seed: number, opts: SimOptions = {}): Promise<SimResult> {
  const rng = createRng(seed);
  let now = Date.parse('2026-01-05T06:00:00.000Z');
  const clock = { now: () => now };
  const plant = makeSimPlant(rng);
  const server = await createSimServer(clock, plant);
  const net = createNetwork(rng, NO_FAULTS);
  net.setHandler(server.handle);
  const log = net.log;
  const everyone: SimParticipant[] = [];
  const problems: string[] = [];
  const outcomes: Record<string, number> = {};
  const ms: Record<string, number> = {};
  let t0 = Date.now();
  const lap = (k: string) => {
    ms[k] = Date.now() - t0;
    t0 = Date.now();
  };
  try {
    const cons = await makeConsole(net, seed, clock, rng);
    everyone.push(cons);
    const tablets: SimParticipant[] = [];
    for (const [name, st] of Object.entries(plant.tablets)) tablets.push(await makeTablet(net, cons, seed, name, st, clock, rng));
    // Two tabs of one tablet share its IndexedDB: only one may sync at a time (S8).
    tablets.push(await openSecondTab(tablets[1]!, clock, rng));
    everyone.push(...tablets);
    for (const p of everyone) await p.client.syncNow();

    lap('setup');
    net.setFaults(opts.faults ?? DEFAULT_FAULTS);
    const background: Promise<unknown>[] = [];
    const steps = opts.steps ?? 40;
    for (let step = 0; step < steps; step++) {
      now += rng.int(30_000);
      const roll = rng.int(100);
      const t = rng.pick(tablets);
      if (roll < 45) log.push(await tabletAction(rng, plant, t));
      else if (roll < 53) log.push(await consoleAction(rng, plant, cons));
      else if (roll < 78) {
        const p = rng.pick(everyone);
        log.push(`${p.name} sync`);
        const s = p.client.syncNow();
        if (rng.chance(0.5)) background.push(s);
        else await s;
      } else if (roll < 84) {
        log.push(`${t.name} ${net.isOffline(t.name) ? 'reconnects' : 'disconnects'}`);
        if (net.isOffline(t.name)) net.reconnect(t.name);
        else net.disconnect(t.name);
      } else if (roll < 88) await net.replay();
      else if (roll < 90) {
        log.push(`${t.name} reloads`);
        await Promise.allSettled(background);
        await reloadParticipant(t, 'device', clock, rng);
      }
      else if (rng.chance((opts.restart ?? 0.05) * 10)) {
        log.push('server restarts');
        net.setHandler(null);
        await Promise.allSettled(background);
        await net.quiesce();
        await server.restart();
        net.setHandler(server.handle);
      }
    }

    lap('steps');
    // Settle: heal the network, deliver every stray duplicate, sync until everyone is quiet.
    net.setFaults(NO_FAULTS);
    net.healAll();
    await Promise.allSettled(background);
    await net.replay(true);
    await net.quiesce();
    log.push('settle');
    // Once every outbox is empty, one more round lets everyone pull the last pushes.
    for (let round = 0; round < 6; round++) {
      for (const p of everyone) await p.client.syncNow();
      const pending = await Promise.all(everyone.map((p) => p.db.outbox.count()));
      if (pending.every((n) => n === 0)) break;
    }
    for (const p of everyone) await p.client.syncNow();
    lap('settle');

    for (const p of everyone) {
      const s = p.client.status();
      if (s.lastError) problems.push(`${p.name}: lastError ${s.lastError}`);
      const truth = await freshPull(p.fetch, await p.headers(), (await getMeta(p.db, 'clientId'))!);
      problems.push(...(await diffReplica(p, truth)));
      if (p !== cons) continue;
      problems.push(...(await checkLedger(truth, everyone)));
      for (const a of truth.get('audit')!.values()) outcomes[a.outcome as string] = (outcomes[a.outcome as string] ?? 0) + 1;
    }
    const verify = await cons.fetch('/api/audit/verify');
    const v = (await verify.json()) as { ok?: boolean };
    if (!v.ok) problems.push(`audit chain does not verify: ${JSON.stringify(v)}`);
    lap('check');
  } catch (e) {
    problems.push(`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    for (const p of [...everyone].reverse()) await disposeParticipant(p);
    await server.close();
  }
  return { seed, problems, log, outcomes, ms };
}
