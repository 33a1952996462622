import type { Change, PullResponse } from '../../shared/protocol';
import type { FloorboardDB } from '../db';
import { getMeta } from '../db';
import type { HttpResult, Requester } from './http';
import { httpError, type StepError } from './push';
import { resetReplica, writePage } from './rebase';
import type { SyncAuth } from './types';

/**
 * Pulls pages until `more` is false (S6). With an empty outbox each page is written as it arrives
 * (one bulk transaction per page: the big first load), while the next page is already on the wire.
 * With mutations pending, the pages are gathered and written in ONE transaction that also rebases
 * the outbox (S7), so the pending entries are reverted and re-applied once, not once per page.
 * `{ reset: true }` clears the replica (never the outbox) and starts again from cursor 0.
 */
export async function pullAll(
  db: FloorboardDB,
  auth: SyncAuth,
  request: Requester,
  clientId: string,
  now: () => string,
  /** The cursor as the pass read it from meta (only this pass's own pulls move it): no re-read. */
  known?: number,
  /** The cursor's tag, read with it. */
  knownTag?: string | null,
  /** L4: called after each page of a pull from cursor 0 with the records so far and the total, if known. */
  onProgress?: (records: number, total: number | null) => void,
): Promise<StepError | null> {
  // The tag goes back with the cursor, so a restored server that re-issued versions says reset.
  const fetchPage = (cursor: number, tag: string | null | undefined) =>
    request('GET', `/api/sync/pull?clientId=${encodeURIComponent(clientId)}&cursor=${cursor}${cursor > 0 && tag ? `&tag=${encodeURIComponent(tag)}` : ''}`);
  let resets = 0;
  let stale = 0;
  for (;;) {
    const from = known ?? (await getMeta(db, 'cursor')) ?? 0;
    const fromTag = known !== undefined ? knownTag : await getMeta(db, 'cursorTag');
    known = undefined;
    let cursor = from;
    let held: Change[] = [];
    let restart = false;
    let next: Promise<HttpResult> = fetchPage(cursor, fromTag);
    let received = 0;
    let total: number | null = null;
    // Counted while the first page is on the wire, not before it.
    const gather = (await db.outbox.count()) > 0;
    for (;;) {
      const res = await next;
      if (!res.ok) return httpError(res.status, res.body);
      const page = res.body as PullResponse;
      if ('reset' in page) {
        if (resets++ > 1) return 'server-reset-loop';
        await resetReplica(await db.relaxed());
        restart = true;
        break;
      }
      const final = !page.more;
      if (from === 0 && onProgress) {
        received += page.changes.length;
        if (page.total !== undefined) total = page.total;
        onProgress(received, total);
      }
      if (!final && page.cursor <= cursor && page.changes.length === 0) return 'server-pull-stuck';
      // Overlap the next page's round trip with this page's write.
      if (!final) next = fetchPage(page.cursor, page.tag);
      if (gather && !final) {
        held = held.concat(page.changes as Change[]);
        cursor = page.cursor;
        continue;
      }
      const written = await writePage(await db.relaxed(), auth, {
        from: gather ? from : cursor,
        changes: gather ? held.concat(page.changes as Change[]) : (page.changes as Change[]),
        cursor: page.cursor,
        ...(page.tag ? { tag: page.tag } : {}),
        lastMutationId: page.lastMutationId,
        final,
        ...(final ? { syncedAt: now() } : {}),
      });
      if (!written) {
        // Another tab (or a reset) moved the cursor while this was on the wire: pull again.
        if (!final) void next.catch(() => undefined);
        if (stale++ > 3) return 'server-pull-raced';
        restart = true;
        break;
      }
      if (final) return null;
      cursor = page.cursor;
    }
    if (!restart) return null;
  }
}
