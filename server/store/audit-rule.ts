/**
 * A4 in the store: every change is audited. A unit of a write transaction that wrote records must
 * have appended an audit link in that same unit, or it fails before it commits and is rolled back.
 *
 * The unit is what commits or rolls back as one (S4):
 * - a savepoint opened directly in the transaction: one pushed mutation in the committer's group
 *   commit (server/sync/committer.ts). A mutation that wrote records without its link fails alone,
 *   like a mutation that throws; the others of the group still commit.
 * - the writes made in the transaction outside any savepoint (office acts, seeds, the coordinator).
 * A savepoint nested in a savepoint belongs to the unit around it: its records and links count
 * there, as long as it was released (a rolled back one wrote nothing).
 *
 * Counters only, no queries: it costs the push path two additions and a comparison per mutation.
 * The one way around it is `StoreWriter.putRecordsUnaudited`, for test fixtures only.
 */
export class UnauditedWriteError extends Error {
  readonly code = 'unaudited-write';
  constructor(records: number, unit: 'savepoint' | 'transaction') {
    super(
      `${records} record(s) written without an audit link in the same ${unit} (A4): a write of records appends its link ` +
        'in the same unit (apply-one.ts for a mutation, audited() in server/audit/office.ts, putAuditedRecords in server/audit/system.ts); nothing was written',
    );
    this.name = 'UnauditedWriteError';
  }
}

/** The counters of the unit a savepoint was opened in, to restore when it ends. */
export interface UnitMark {
  records: number;
  links: number;
  /** Opened directly in the transaction: a unit of its own. */
  outer: boolean;
}

export class AuditRule {
  private records = 0;
  private links = 0;
  private depth = 0;

  /** A transaction begins: its top-level unit is empty. */
  begin(): void {
    this.records = 0;
    this.links = 0;
    this.depth = 0;
  }

  wrote(count: number): void {
    this.records += count;
  }

  linked(): void {
    this.links++;
  }

  /** Before COMMIT: the writes made outside any savepoint. */
  checkTransaction(): void {
    if (this.records > 0 && this.links === 0) throw new UnauditedWriteError(this.records, 'transaction');
  }

  enter(): UnitMark {
    const mark = { records: this.records, links: this.links, outer: this.depth === 0 };
    this.depth++;
    if (mark.outer) {
      this.records = 0;
      this.links = 0;
    }
    return mark;
  }

  /** Before RELEASE of a savepoint whose function resolved; throws to have it rolled back. */
  checkSavepoint(mark: UnitMark): void {
    if (mark.outer && this.records > 0 && this.links === 0) throw new UnauditedWriteError(this.records, 'savepoint');
  }

  /**
   * The savepoint ended: released (`kept`) or rolled back. A unit of its own, or a rolled back one,
   * gives the enclosing unit back its counters; a released nested one leaves its counts there.
   */
  leave(mark: UnitMark, kept: boolean): void {
    this.depth--;
    if (mark.outer || !kept) {
      this.records = mark.records;
      this.links = mark.links;
    }
  }
}
