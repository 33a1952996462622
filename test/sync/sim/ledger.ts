import { getMeta, setMeta, type FloorboardDB } from '../../../app/db';
import type { MutationResultValue } from '../../../shared/domain/tx';

/** The outcome the server must give one mutation; `code` is compared for conflicts and rejections. */
export type Expected = { outcome: 'applied' } | { outcome: 'conflict' | 'rejected'; code: string };

/** One thing a participant asked for, as queued in its outbox. */
export interface Intent {
  participant: string;
  name: string;
  args: unknown;
  actorId: string;
  /**
   * Set for intents the driver made wrong on purpose (wrong actor, wrong station, bad arguments):
   * the rejection they must get whatever the state. Unset: the state machine decides (oracle.ts).
   */
  expect?: Expected;
  /** What kind of wrong, for the coverage figures (`wrong-actor`, `wrong-station`, `bad-args` …). */
  bad?: string;
}

/**
 * The intent ledger: every mutation any participant queued, by its audit id
 * `<clientId>:<mutationId>`. The driver records each one as it is queued; after the run the oracle
 * walks the server's audit in the order the server applied it and judges each against its intent.
 */
export function createLedger() {
  const intents = new Map<string, Intent>();
  return {
    intents,
    /** Records what `mutate` just queued (a local refusal queues nothing, so records nothing). */
    async recordMutate(db: FloorboardDB, intent: Intent, result: MutationResultValue): Promise<void> {
      if (result.outcome !== 'applied') return;
      // The driver awaits each action, and only actions queue, so the last id given out is this one.
      const id = ((await getMeta(db, 'nextMutationId')) ?? 1) - 1;
      intents.set(`${await getMeta(db, 'clientId')}:${id}`, intent);
    },
    /**
     * Queues an intent the app itself would refuse, as a tampered or outdated client would send
     * it: straight into the outbox, so the server is the one that must refuse it (S5, A3).
     */
    async queueRaw(db: FloorboardDB, intent: Intent, at: string): Promise<void> {
      const id = await db.transaction('rw', db.outbox, db.meta, async () => {
        const next = (await getMeta(db, 'nextMutationId')) ?? 1;
        await setMeta(db, 'nextMutationId', next + 1);
        await db.outbox.add({ id: next, name: intent.name, args: intent.args, actorId: intent.actorId, at });
        return next;
      });
      intents.set(`${await getMeta(db, 'clientId')}:${id}`, intent);
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
