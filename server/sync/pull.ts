import { PULL_PAGE_SIZE } from '../../shared/protocol';
import type { Store, StoredRecord } from '../store/types';
import { ownClient, scopesFor, type Principal } from './principal';

export interface PullOptions {
  clientId: string;
  cursor: number;
  /** The fingerprint the client got with its cursor (PullResponse `tag`). */
  tag?: string;
  pageSize?: number;
}

/**
 * Whether the server still has the history the client's cursor came from: the audit link the tag
 * names is still there, with the same hash (the chain makes that mean every earlier link too).
 */
async function tagHolds(store: Store, tag: string): Promise<boolean> {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(tag);
  if (!m) return false;
  const seq = Number(m[1]);
  const [link] = await store.auditEntries(seq - 1, 1);
  return link !== undefined && link.seq === seq && link.hash === m[2];
}

/**
 * Pull (S6) as JSON text: records are stored as the JSON of the full record and spliced into the
 * answer as they are, because parsing and re-serialising 50,000 rows is most of a big pull's cost.
 */
export async function pullJson(store: Store, principal: Principal, opts: PullOptions): Promise<string> {
  const limit = opts.pageSize ?? PULL_PAGE_SIZE;
  const client = await store.getClient(opts.clientId);
  ownClient(client, principal);
  // Read the head first: every version up to it has committed (versions are allocated in commit
  // order), so the page below is a consistent prefix and the cursor can safely move to the head.
  const head = await store.head();
  if (opts.cursor > head) return '{"reset":true}';
  // A cursor the head has caught up with again after a restore names versions issued anew.
  if (opts.cursor > 0 && opts.tag !== undefined && !(await tagHolds(store, opts.tag))) return '{"reset":true}';
  const last = await store.lastAudit();
  const tag = last ? `,"tag":"${last.seq}:${last.hash}"` : '';
  const scopes = scopesFor(principal);
  let rows = await store.pull({ after: opts.cursor, upTo: head, scopes, limit: limit + 1 });
  let more = false;
  if (rows.length > limit) {
    more = true;
    const cut = rows[limit]!.version;
    // Never split one version across pages: a client would apply half of a mutation's writes.
    rows = rows.slice(0, limit).filter((r) => r.version !== cut);
    if (rows.length === 0) rows = await store.pullVersion(cut, scopes);
  }
  // D4: a cursor below the retained change log may have missed a purged tombstone. Read after the
  // rows, so a purge that committed before they were read is seen here and one after left them in.
  if (opts.cursor > 0 && opts.cursor < (await store.retainedFrom())) return '{"reset":true}';
  const cursor = more ? rows[rows.length - 1]!.version : head;
  const changes = rows.map(changeJson).join(',');
  // L4: the first sync's total, counted only when there is more than this page to wait for.
  const total = opts.cursor === 0 && more ? `,"total":${await store.countPull(head, scopes)}` : '';
  return `{"cursor":${cursor},"lastMutationId":${client?.lastMutationId ?? 0},"more":${more}${tag}${total},"changes":[${changes}]}`;
}

function changeJson(r: StoredRecord): string {
  const deleted = r.deleted ? ',"deleted":true' : '';
  return `{"entity":"${r.entity}","id":${JSON.stringify(r.id)},"version":${r.version}${deleted},"value":${r.deleted ? 'null' : r.value}}`;
}
