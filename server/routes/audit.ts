import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { Clock } from '../../shared/domain/clock';
import type { AuditVerifyResponse } from '../../shared/protocol';
import { verifyAuditChain } from '../audit/chain';
import { authenticate, requireCoordinator, type AuthEnv } from '../auth/middleware';
import type { Store } from '../store/types';

const EXPORT_PAGE = 1_000;

/** `/api/audit`: chain verification and export as JSON lines (A4). */
export function auditRoutes(store: Store, clock: Clock) {
  const r = new Hono<AuthEnv>();
  r.use('*', authenticate(store, clock), requireCoordinator());
  r.get('/verify', async (c) => c.json((await verifyAuditChain(store)) satisfies AuditVerifyResponse));
  r.get('/export', (c) => {
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="floorboard-audit.jsonl"');
    return stream(c, async (s) => {
      for (let after = 0; ; ) {
        const rows = await store.auditEntries(after, EXPORT_PAGE);
        if (rows.length === 0) break;
        // Each line is the entry exactly as hashed plus its hash, so an export can be re-verified.
        await s.write(rows.map((row) => `${row.entry.slice(0, -1)},"hash":${JSON.stringify(row.hash)}}\n`).join(''));
        after = rows[rows.length - 1]!.seq;
      }
    });
  });
  return r;
}
