import type { Store, StoredRecord } from '../store/types';
import { canonicalJson } from './chain';

/** A synced record that the chain does not explain, by entity and id. */
export interface StateFinding {
  entity: string;
  id: string;
  /**
   * `edited`: the store serves another value (or version) than the last after-image; `added`: no
   * link ever wrote it; `deleted`: a link wrote it and the store no longer serves it;
   * `changed-before`: the before-image at `seq` is not what the links up to it wrote, so the
   * record was changed outside a mutation before that seq (and a later mutation built on it).
   */
  problem: 'edited' | 'added' | 'deleted' | 'changed-before';
  seq?: number;
}

export interface StateResult {
  ok: boolean;
  /** Records the replay rebuilt. */
  records: number;
  /** The first MAX_FINDINGS findings; `more` counts the rest. */
  findings: StateFinding[];
  more: number;
  /** Records written while the verify ran, left for the next one (their before-images were checked). */
  skipped: number;
}

const MAX_FINDINGS = 100;

const SLICE_MS = 20;

/**
 * Resolves after other I/O had its turn once `SLICE_MS` of work has passed: a verify of a big
 * plant is seconds of CPU, and a live server must keep answering pushes meanwhile.
 */
export function breather(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

const split = (key: string) => {
  const i = key.indexOf('/');
  return { entity: key.slice(0, i), id: key.slice(i + 1) };
};

/**
 * Rebuilds the synced records from the chain (A4): every entry's after-images, in seq order, are
 * the records as the mutations (and the `system` links of seeding) left them. Feed it every
 * parsed entry, then compare with the store.
 */
export function stateReplay() {
  const state = new Map<string, { value: string; version: number }>();
  const findings: StateFinding[] = [];
  let more = 0;
  const find = (f: StateFinding) => {
    if (findings.length < MAX_FINDINGS) findings.push(f);
    else more++;
  };
  const result = (skipped: number): StateResult => ({ ok: findings.length === 0 && more === 0, records: state.size, findings, more, skipped });
  return {
    /** Checks the entry's before-images against the replay so far, then applies its after-images. */
    apply(entry: Record<string, unknown>): void {
      const seq = typeof entry.seq === 'number' ? entry.seq : undefined;
      const before = (entry.before ?? {}) as Record<string, unknown>;
      const after = (entry.after ?? {}) as Record<string, unknown>;
      for (const [key, image] of Object.entries(before)) {
        if (canonicalJson(image) !== (state.get(key)?.value ?? 'null')) find({ ...split(key), problem: 'changed-before', seq });
      }
      for (const [key, image] of Object.entries(after)) {
        // A null after-image: the record is gone (a baseline link adopting a deletion, migration 006).
        if (image === null) state.delete(key);
        else {
          const version = (image as { version?: unknown }).version;
          state.set(key, { value: canonicalJson(image), version: typeof version === 'number' ? version : 0 });
        }
      }
    },
    /** The record as the links so far left it: its canonical JSON and version; undefined if none. */
    image: (key: string) => state.get(key),
    /** Keys of every record the links so far left in place. */
    keys: () => state.keys(),
    /** Findings of the replay alone (an export verified without its server). */
    result: () => result(0),
    /**
     * Compares the replay with every record the store serves up to change sequence `upTo`, read
     * before the chain was walked: a record written after that is not judged here.
     */
    async compare(store: Pick<Store, 'pull' | 'pullVersion'>, upTo: number): Promise<StateResult> {
      const seen = new Set<string>();
      let skipped = 0;
      const pause = breather();
      for await (const r of storedRecords(store, upTo)) {
        await pause();
        if (r.entity === 'audit') continue;
        const key = `${r.entity}/${r.id}`;
        seen.add(key);
        const want = state.get(key);
        if (want && want.version > upTo) skipped++;
        else if (r.deleted) {
          if (want) find({ entity: r.entity, id: r.id, problem: 'deleted' });
        } else if (!want) find({ entity: r.entity, id: r.id, problem: 'added' });
        else if (r.version !== want.version || canonicalJson(JSON.parse(r.value)) !== want.value) find({ entity: r.entity, id: r.id, problem: 'edited' });
      }
      for (const [key, want] of state) {
        if (seen.has(key)) continue;
        if (want.version > upTo) skipped++;
        else find({ ...split(key), problem: 'deleted' });
      }
      return result(skipped);
    },
  };
}

const PAGE = 5_000;

/** Every record with a version up to `upTo`, a page at a time, never splitting a version. */
async function* storedRecords(store: Pick<Store, 'pull' | 'pullVersion'>, upTo: number): AsyncGenerator<StoredRecord> {
  for (let after = 0; after < upTo; ) {
    const rows = await store.pull({ after, upTo, scopes: 'all', limit: PAGE + 1 });
    if (rows.length <= PAGE) {
      yield* rows;
      return;
    }
    const cut = rows[PAGE]!.version;
    const page = rows.slice(0, PAGE).filter((r) => r.version !== cut);
    yield* page.length > 0 ? page : await store.pullVersion(cut, 'all');
    after = page.length > 0 ? page[page.length - 1]!.version : cut;
  }
}
