import type { Change, PullResponse } from '../../shared/protocol';
import type { FloorboardDB } from '../db';
import { getMeta } from '../db';
import type { Requester } from './http';
import { httpError, type StepError } from './push';
import { resetReplica, writePage } from './rebase';
import type { SyncAuth } from './types';

/**
 * Pulls pages until `more` is false (S6). Each page is written in one Dexie transaction together
 * with the cursor; the last one also drops confirmed outbox entries and rebases the rest (S7).
 * `{ reset: true }` clears the replica (never the outbox) and starts again from cursor 0.
 */
export async function pullAll(
  db: FloorboardDB,
  auth: SyncAuth,
  request: Requester,
  clientId: string,
  now: () => string,
): Promise<StepError | null> {
  let resets = 0;
  let stale = 0;
  for (;;) {
    const cursor = (await getMeta(db, 'cursor')) ?? 0;
    const res = await request('GET', `/api/sync/pull?clientId=${encodeURIComponent(clientId)}&cursor=${cursor}`);
    if (!res.ok) return httpError(res.status, res.body);
    const page = res.body as PullResponse;
    if ('reset' in page) {
      if (resets++ > 1) return 'server-reset-loop';
      await resetReplica(db);
      continue;
    }
    const final = !page.more;
    const written = await writePage(db, auth, {
      from: cursor,
      changes: page.changes as Change[],
      cursor: page.cursor,
      lastMutationId: page.lastMutationId,
      final,
      ...(final ? { syncedAt: now() } : {}),
    });
    if (!written) {
      // Another tab (or a reset) moved the cursor while this page was on the wire: pull again.
      if (stale++ > 3) return 'server-pull-raced';
      continue;
    }
    if (final) return null;
    if (page.cursor <= cursor && page.changes.length === 0) return 'server-pull-stuck';
  }
}
