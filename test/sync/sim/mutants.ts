import { canonicalJson, hashCanonical } from '../../../server/audit/chain';
import type { AuditLink, RecordWrite, Store, StoreWriter } from '../../../server/store/types';
import type { EntityName } from '../../../shared/schema';

/** What a mutant changes in the server's writes; everything else passes through. */
interface Breakage {
  putRecords?: (rows: RecordWrite[]) => RecordWrite[];
  appendAudit?: (link: AuditLink) => AuditLink;
  /** Rewrites an `audit` record as the store reads it back outside a transaction. */
  readAudit?: (value: string) => string;
}

/**
 * Deliberately broken servers, each a bug the simulation claims to catch. They are injected where
 * the server takes its storage (createApp's `store`), so the server's own code and the tablets'
 * rules stay as they are, and no second server is written: the real one is made to misbehave.
 */
export const MUTANTS = {
  /** Every conflict becomes a silent `applied`: no conflict record, and the audit says applied. */
  'conflicts-applied': {
    putRecords: (rows) => rows.filter((r) => r.entity !== 'conflicts'),
    appendAudit: (link) => {
      const entry = JSON.parse(link.entry) as Record<string, unknown>;
      if (entry.outcome !== 'conflict') return link;
      const text = canonicalJson({ ...entry, outcome: 'applied', code: null });
      // Re-hashed, so the chain still verifies: only the oracle can tell.
      return { ...link, entry: text, hash: hashCanonical(link.prevHash, text) };
    },
  },
  /** Conflict records lose the other side: who made the state the server kept, and when. */
  'conflicts-anonymous': {
    putRecords: (rows) =>
      rows.map((r) => (r.entity === 'conflicts' ? { ...r, value: JSON.stringify({ ...(JSON.parse(r.value) as object), other: null }) } : r)),
  },
  /** Notes are answered `applied` and never stored. */
  'notes-dropped': { putRecords: (rows) => rows.filter((r) => r.entity !== 'notes') },
  /** Every quantity report is stored twice, the second time under another id. */
  'reports-stored-twice': {
    putRecords: (rows) =>
      rows.flatMap((r) => {
        if (r.entity !== 'quantityReports') return [r];
        const id = `${r.id}-again`;
        return [r, { ...r, id, value: JSON.stringify({ ...(JSON.parse(r.value) as object), id }) }];
      }),
  },
  /** A replayed push is answered `applied` whatever the mutation got the first time. */
  'replays-answer-applied': {
    readAudit: (value) => JSON.stringify({ ...(JSON.parse(value) as object), outcome: 'applied', code: null }),
  },
} satisfies Record<string, Breakage>;

export type Mutant = keyof typeof MUTANTS;

function breakWriter(tx: StoreWriter, b: Breakage): StoreWriter {
  return new Proxy(tx, {
    get(target, key) {
      if (key === 'putRecords' && b.putRecords) return (rows: RecordWrite[]) => target.putRecords(b.putRecords!(rows));
      if (key === 'appendAudit' && b.appendAudit) return (link: AuditLink) => target.appendAudit(b.appendAudit!(link));
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The store with the mutant's breakage in every write transaction. */
export function mutateStore(store: Store, mutant: Mutant): Store {
  const b: Breakage = MUTANTS[mutant];
  return new Proxy(store, {
    get(target, key) {
      if (key === 'transaction') return <T>(fn: (tx: StoreWriter) => Promise<T>) => target.transaction((tx) => fn(breakWriter(tx, b)));
      if (key === 'getRecord' && b.readAudit) {
        return async (entity: EntityName, id: string) => {
          const r = await target.getRecord(entity, id);
          return r && entity === 'audit' ? { ...r, value: b.readAudit!(r.value) } : r;
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
