import type { Change, PullResponse } from '../../shared/protocol';
import type { FloorboardDB } from '../db';
import type { Requester } from './http';
import { pullPath } from './pull';
import { writeCatchUp } from './rebase';

/**
 * Catch-up pulls during a push of several batches (the flush after a dead zone): while batch k+1
 * is on the wire, one page of what the server applied so far is pulled and written
 * (`writeCatchUp`), so the tablet writes the first batches' records while the server works on the
 * next ones, instead of all of them after the last answer. The pull after the last push still
 * confirms, drops and rebases (S7); a catch-up that fails (offline, a reset, a moved cursor)
 * leaves that to it. At most one catch-up runs at a time: a kick while one runs asks for one more.
 */
export function createCatchUp(db: FloorboardDB, request: Requester, clientId: string, from: { cursor: number; tag: string | null | undefined }) {
  let cursor = from.cursor;
  let tag = from.tag;
  let moved = false;
  let stopped = false;
  let wanted = false;
  let running: Promise<void> | null = null;

  async function once(): Promise<boolean> {
    const res = await request('GET', pullPath(clientId, cursor, tag));
    if (!res.ok) return false;
    const page = res.body as PullResponse;
    if ('reset' in page) return false;
    const written = await writeCatchUp(db, {
      from: cursor,
      changes: page.changes as Change[],
      cursor: page.cursor,
      ...(page.tag ? { tag: page.tag } : {}),
      lastMutationId: page.lastMutationId,
      more: page.more,
    });
    if (!written) return false;
    moved = moved || page.cursor !== cursor;
    cursor = page.cursor;
    tag = page.tag;
    return true;
  }

  async function run() {
    do {
      wanted = false;
      // Any failure ends catching up for this pass: the pull after the last push does the work.
      if (!(await once().catch(() => false))) stopped = true;
    } while (wanted && !stopped);
    running = null;
  }

  return {
    /** A batch was acknowledged and the next one sent: catch up with what the server has applied. */
    kick(): void {
      if (stopped) return;
      if (running) wanted = true;
      else running = run();
    },
    /** Starts no more catch-ups, lets the one in progress write its page; true when the cursor moved. */
    async finish(): Promise<boolean> {
      stopped = true;
      await running;
      return moved;
    },
  };
}
