/**
 * Whether a store error means "the database cannot take writes (or answer) right now", as opposed to
 * a bug: the one place that knows both stores' error shapes, so `app.onError` and the committer
 * answer 503 `storage-unavailable` (retry later) for either.
 *
 * - SQLite (better-sqlite3 `SqliteError.code`): SQLITE_FULL (disk or max_page_count), SQLITE_IOERR_*
 *   (the disk failed), SQLITE_READONLY_* (file or directory made read-only), SQLITE_BUSY_* (the busy
 *   timeout ran out: another process holds the lock), SQLITE_CANTOPEN, SQLITE_NOMEM.
 * - PostgreSQL (pg's `DatabaseError.code`, a SQLSTATE): class 53 (insufficient resources: disk
 *   full, out of memory, too many connections), class 08 (connection exception), 57P01–57P03 (the
 *   server is shutting down or starting), 25006 (read-only transaction: a standby).
 * - Node network errors from the PG driver (`code` ECONNREFUSED, ECONNRESET, ETIMEDOUT …), and pg's
 *   own "Connection terminated" errors, which carry no code.
 */
export function storageUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^SQLITE_(FULL|IOERR|READONLY|BUSY|CANTOPEN|NOMEM)/.test(code)) return true;
    if (/^(53|08)[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === '25006') return true;
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ENOSPC|EROFS|EIO)$/.test(code)) return true;
  }
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && /^Connection terminated|^timeout exceeded when trying to connect/.test(message);
}

/** Seconds a client should wait before retrying after `storage-unavailable`. */
export const STORAGE_RETRY_AFTER_S = 5;
