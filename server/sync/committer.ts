import type { Clock } from '../../shared/domain/clock';
import type { PushMutation } from '../../shared/protocol';
import { storageUnavailable } from '../store/errors';
import type { Store } from '../store/types';
import { applyOne, checkPush, type ApplyOutcome } from './apply-one';
import type { Principal } from './principal';

/** How long one transaction keeps applying mutations before it commits and lets others in. */
const TX_BUDGET_MS = 4;
/**
 * The same when a single push is queued (a tablet flushing its outbox): fewer, larger commits, and
 * a push that arrives meanwhile waits at most this long before it gets its turn.
 */
const SOLO_TX_BUDGET_MS = 16;
/**
 * Every push queued when a transaction begins gets its next mutation into it, past TX_BUDGET_MS if
 * need be but not past this: with synchronous=FULL a COMMIT (its fsync, which holds the event loop)
 * costs as much as applying many mutations, so a transaction that stopped at the budget with pushes
 * still waiting made them pay a COMMIT of their own (docs/bench.md, figure 4a). The bound keeps the
 * answer to the first push of a long queue from waiting for the whole queue.
 */
const ROUND_BUDGET_MS = 25;

interface Job {
  principal: Principal;
  clientId: string;
  mutations: PushMutation[];
  next: number;
  /** Applied in the open transaction, not yet committed: reported only after COMMIT (S4). */
  pending: ApplyOutcome[];
  error?: { err: unknown };
  /** `head`: the newest change sequence written by the transaction that just committed. */
  onCommitted(outcomes: ApplyOutcome[], head: number): void;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit for pushes. Each mutation runs in its own SAVEPOINT, so it is atomic with its
 * records, audit link and `lastMutationId` bump (S4): if it throws, only its own writes roll back.
 * Several mutations — of one push, or of concurrent pushes — share one SQLite transaction of at
 * most ~TX_BUDGET_MS, and nothing is answered before that transaction has committed. A COMMIT
 * costs as much as applying a mutation, so sharing it roughly halves the time of a mutation.
 *
 * Pushes take turns mutation by mutation (round robin), so a 500-mutation flush does not hold
 * back a one-mutation push from another tablet for longer than one transaction.
 *
 * One per store and process: `createApp` makes it from its store unless given one (`AppDeps`),
 * so apps that share a store should share their committer too, or they split the group commit.
 */
export class Committer {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(
    private readonly store: Store,
    /** Server time of each mutation (S10), read as it is applied. */
    private readonly clock: Clock,
  ) {}

  /**
   * Applies a push's `mutations` in order (S1, S3 checked first for the whole batch, inside the
   * transaction); resolves when all committed, rejects on the first that threw.
   */
  apply(principal: Principal, clientId: string, mutations: PushMutation[], onCommitted: (outcomes: ApplyOutcome[], head: number) => void): Promise<void> {
    if (mutations.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ principal, clientId, mutations, next: 0, pending: [], onCommitted, resolve, reject });
      if (!this.running) {
        // Start on the next turn of the event loop, so requests that arrived together share it.
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    try {
      while (this.queue.length > 0) {
        const touched = new Set<Job>();
        let head = 0;
        try {
          // 7: S4, each mutation in its own savepoint, in a transaction shared with the other queued
          // pushes (group commit): a mutation that throws rolls back alone.
          await this.store.transaction(async (tx) => {
            const t0 = performance.now();
            const budget = this.queue.length === 1 ? SOLO_TX_BUDGET_MS : TX_BUDGET_MS;
            // One turn for each push queued now (round robin: the first pass over the queue).
            const round = this.queue.length;
            let turns = 0;
            let i = 0;
            while (this.queue.length > 0 && (turns === 0 || performance.now() - t0 < (turns < round ? ROUND_BUDGET_MS : budget))) {
              turns++;
              if (i >= this.queue.length) i = 0;
              const job = this.queue[i]!;
              touched.add(job);
              const m = job.mutations[job.next]!;
              try {
                // 5–6 for the whole push before its first mutation, in the transaction that applies
                // it; that mutation reuses the client row checkPush has just read.
                const known = job.next === 0 ? { client: await checkPush(tx, job.principal, job.clientId, job.mutations) } : undefined;
                const out = await tx.savepoint(() => applyOne(tx, job.principal, job.clientId, m, this.clock.now(), known));
                job.pending.push(out);
                head = Math.max(head, out.version);
                job.next++;
              } catch (err) {
                // The database cannot write (disk full, I/O error…): the transaction may already be
                // rolled back, so give it up whole; every push in it answers 503 and retries (S2).
                if (storageUnavailable(err)) throw err;
                // Its savepoint is rolled back; the mutations before it commit with the others.
                job.error = { err };
              }
              if (job.error || job.next === job.mutations.length) this.queue.splice(i, 1);
              else i++;
            }
          });
        } catch (err) {
          // BEGIN or COMMIT failed: nothing of this transaction is durable, so nothing is reported.
          // When BEGIN failed (the file is locked past the busy timeout, the disk is gone) no job
          // was touched: fail every queued push, or this loop would retry BEGIN for ever.
          if (touched.size === 0) for (const job of this.queue) touched.add(job);
          for (const job of touched) {
            job.pending = [];
            const at = this.queue.indexOf(job);
            if (at >= 0) this.queue.splice(at, 1);
            job.reject(err);
          }
          continue;
        }
        // 15: S4, outcomes are reported only now that their transaction has committed durably (D1).
        for (const job of touched) {
          const done = job.pending;
          job.pending = [];
          job.onCommitted(done, head);
          if (job.error) job.reject(job.error.err);
          else if (job.next === job.mutations.length) job.resolve();
        }
        // Let requests that arrived meanwhile join the next transaction.
        if (this.queue.length > 0) await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }
}
