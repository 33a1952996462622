import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { Clock } from '../../shared/domain/clock';
import type { AuditVerifyResponse } from '../../shared/protocol';
import { exportEntryLine, exportHeaderLine } from '../audit/export';
import { auditHead, parseHead } from '../audit/head';
import { verifyAudit } from '../audit/verify';
import { authenticate, requireConsoleRole, type AuthEnv } from '../auth/middleware';
import { HttpError } from '../errors';
import type { Store } from '../store/types';

const EXPORT_PAGE = 1_000;

/** `/api/audit`: the chain's head, verification and export as JSON lines (A4, X5). */
export function auditRoutes(store: Store, clock: Clock) {
  const r = new Hono<AuthEnv>();
  // Read-only: the auditor may verify and export too (X3: sees everything, changes nothing).
  r.use('*', authenticate(store, clock), requireConsoleRole('coordinator', 'admin', 'auditor'));
  r.get('/head', async (c) => c.json(await auditHead(store)));
  r.get('/verify', async (c) => {
    const text = c.req.query('head');
    const head = text === undefined ? undefined : parseHead(text);
    if (text !== undefined && !head) throw new HttpError(400, 'invalid-request', 'head must be seq:hash, as GET /api/audit/head gives them');
    return c.json((await verifyAudit(store, { head })) satisfies AuditVerifyResponse);
  });
  r.get('/export', (c) => {
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="floorboard-audit.jsonl"');
    return stream(c, async (s) => {
      // The head first, and the links up to it only: links appended while streaming are left for
      // the next export, so the file is a whole prefix of the chain that says where it ends.
      const head = await auditHead(store);
      await s.write(exportHeaderLine(head));
      for (let after = 0; after < head.seq; ) {
        const rows = (await store.auditEntries(after, EXPORT_PAGE)).filter((row) => row.seq <= head.seq);
        if (rows.length === 0) break;
        await s.write(rows.map(exportEntryLine).join(''));
        after = rows[rows.length - 1]!.seq;
      }
    });
  });
  return r;
}
