import 'fake-indexeddb/auto';
import { getMeta } from '../../../app/db';
import { consoleAction, tabletAction, writeNote } from './actions';
import { badAction } from './bad';
import { checkQueued, checkReplayAnswers, diffReplica, freshPull, replayChangesNothing, type ReplayAnswers } from './check';
import { disposeParticipant, makeConsole, makeTablet, openSecondTab, reloadParticipant, type SimParticipant } from './clients';
import { bump, emptyCoverage, type Coverage } from './coverage';
import { checkEffects } from './effects';
import { createLedger } from './ledger';
import type { Mutant } from './mutants';
import { createNetwork, NO_FAULTS, type Faults } from './network';
import { initialModel, judge, type Audit } from './oracle';
import { makeSimPlant } from './plant';
import { createRng } from './rng';
import { createSimServer, type SimServerOptions } from './server';

export interface SimOptions {
  steps?: number;
  faults?: Faults;
  /** Chance per step that the server restarts (between commits, or with pushes in flight). */
  restart?: number;
  /** Which server; by default `crashSeed`s run it in a child process and SIGKILL it once. */
  server?: SimServerOptions['kind'];
  /** A deliberately broken server (see mutants.ts), to prove the checks catch it. */
  mutant?: Mutant;
}

export const DEFAULT_FAULTS: Faults = { dropRequest: 0.05, dropResponse: 0.1, duplicate: 0.1, maxDelayTurns: 3 };
/** `--chaos`: a much worse network and twice the restarts. */
export const CHAOS: SimOptions = { faults: { dropRequest: 0.15, dropResponse: 0.3, duplicate: 0.3, maxDelayTurns: 8 }, restart: 0.1 };

/**
 * The seeds whose server runs in a child process that the run kills once: one in twenty, so any
 * twenty seeds in a row crash a server (a start of the process costs what a few seeds do).
 */
export const crashSeed = (seed: number) => seed % 20 === 7;

export interface SimResult {
  seed: number;
  problems: string[];
  log: string[];
  /** Server-side outcomes by kind. */
  outcomes: Record<string, number>;
  coverage: Coverage;
  ms: Record<string, number>;
}

const turn = () => new Promise<void>((r) => setImmediate(r));

/** One seeded run of DESIGN §12: tablets, a console, a faulty network and a restarting server. */
export async function runSeed(seed: number, opts: SimOptions = {}): Promise<SimResult> {
  const rng = createRng(seed);
  let now = Date.parse('2026-01-05T06:00:00.000Z');
  const clock = { now: () => now };
  const iso = () => new Date(now).toISOString();
  const plant = makeSimPlant(rng);
  // FLOORBOARD_SIM_SERVER (`npm run sim -- --server sqlite-process`) runs every seed on that server.
  const kind = opts.server ?? (process.env.FLOORBOARD_SIM_SERVER as SimOptions['server']) ?? (crashSeed(seed) ? 'sqlite-process' : 'sqlite');
  // On PostgreSQL the crash seeds run both instances in child processes, and one of them dies.
  const server = await createSimServer({ clock, plant, kind, mutant: opts.mutant, crashable: crashSeed(seed) });
  const net = createNetwork(rng, NO_FAULTS);
  net.setHandler(server.handle);
  const log = net.log;
  const ledger = createLedger();
  const everyone: SimParticipant[] = [];
  const problems: string[] = [];
  const outcomes: Record<string, number> = {};
  const coverage = emptyCoverage();
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
    const crashAt = server.crash ? 3 + rng.int(Math.max(1, steps - 6)) : -1;
    const syncAll = () => Promise.allSettled(everyone.map((p) => p.client.syncNow()));
    for (let step = 0; step < steps; step++) {
      now += rng.int(30_000);
      const t = rng.pick(tablets);
      if (step === crashAt) {
        // Something to push from a tablet that is online (a first tab: the network knows it by
        // name), then the kill lands inside the transaction that applies it.
        const pusher = rng.pick(tablets.filter((p) => !p.name.endsWith('-tab2')));
        net.reconnect(pusher.name);
        log.push(await writeNote(rng, plant, pusher, ledger));
        log.push('server crashes (SIGKILL in the next write transaction)');
        const mid = await server.crash!(async () => {
          const s = syncAll();
          background.push(s);
          await s;
        }, pusher.name);
        coverage.crashes++;
        if (mid) coverage.crashesMidTransaction++;
        continue;
      }
      const roll = rng.int(100);
      if (roll < 45) log.push(rng.chance(0.12) ? await badAction(rng, plant, t, ledger, iso()) : await tabletAction(rng, plant, t, ledger));
      else if (roll < 53) log.push(rng.chance(0.25) ? await badAction(rng, plant, cons, ledger, iso()) : await consoleAction(rng, plant, cons, ledger));
      else if (roll < 78) {
        const p = rng.pick(everyone);
        log.push(`${p.name} sync`);
        const s = p.client.syncNow();
        if (rng.chance(0.5)) background.push(s);
        else await s;
      } else if (roll < 84) {
        // A second tab is on its tablet's connection.
        const wire = t.name.replace(/-tab2$/, '');
        log.push(`${wire} ${net.isOffline(wire) ? 'reconnects' : 'disconnects'}`);
        if (net.isOffline(wire)) net.reconnect(wire);
        else net.disconnect(wire);
      } else if (roll < 88) await net.replay();
      else if (roll < 90) {
        log.push(`${t.name} reloads`);
        await Promise.allSettled(background);
        await reloadParticipant(t, 'device', clock, rng);
      } else if (!server.crash && rng.chance((opts.restart ?? 0.05) * 10)) {
        // A server in its own process gets its one crash instead: each start of it costs a second.
        const drain = rng.chance(0.5);
        if (!drain) {
          // A deploy does not wait for the tablets: start a push and restart while it is on the server.
          const counts = await Promise.all(everyone.map((p) => p.db.outbox.count()));
          const pushers = everyone.filter((_, i) => counts[i]! > 0);
          background.push(rng.pick(pushers.length ? pushers : everyone).client.syncNow());
          for (let i = 0; i < 50 && net.pushesInFlight() === 0; i++) await turn();
        }
        if (server.restartOne) {
          // Several instances: one goes down and comes back, the others keep serving.
          if (drain) {
            await Promise.allSettled(background);
            await net.quiesce();
          }
          const one = await server.restartOne();
          log.push(`server instance ${one.instance} restarts${one.inFlight ? ' with pushes in flight' : ''}`);
          coverage.restarts++;
          if (one.inFlight) coverage.restartsInFlight++;
          continue;
        }
        net.setHandler(null);
        if (drain) {
          await Promise.allSettled(background);
          await net.quiesce();
        }
        const inFlight = net.pushesInFlight() > 0;
        log.push(`server restarts${inFlight ? ' with pushes in flight' : ''}`);
        // As main.ts shuts down: no new requests, the ones being handled are answered, then the store closes.
        await net.drainServer();
        await server.restart();
        coverage.restarts++;
        if (inFlight) coverage.restartsInFlight++;
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

    const answers: ReplayAnswers = new Map();
    problems.push(...(await replayChangesNothing(cons, net, answers)));
    for (const p of everyone) {
      const s = p.client.status();
      if (s.lastError) problems.push(`${p.name}: lastError ${s.lastError}`);
      const truth = await freshPull(p.fetch, await p.headers(), (await getMeta(p.db, 'clientId'))!);
      problems.push(...(await diffReplica(p, truth)));
      if (p !== cons) continue;
      problems.push(...(await checkQueued(truth, everyone)));
      problems.push(...checkReplayAnswers(truth, answers));
      const audit = [...truth.get('audit')!.values()] as unknown as Audit[];
      const model = initialModel(plant.records);
      problems.push(...judge(audit, ledger.intents, model));
      problems.push(...checkEffects(truth, model));
      for (const a of audit) bump(outcomes, a.outcome);
      for (const c of model.conflicts.values()) bump(coverage.conflicts, c.code);
      for (const r of model.rejections.values()) bump(coverage.rejections, r.code);
      for (const a of audit) if (ledger.intents.get(a.id)?.bad) bump(coverage.bad, ledger.intents.get(a.id)!.bad!);
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
  return { seed, problems, log, outcomes, coverage, ms };
}
