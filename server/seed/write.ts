import type { EntityName } from '../../shared/schema';
import type { RecordWrite, StoreWriter } from '../store/types';
import { putAuditedRecords } from '../audit/system';
import { toRecordWrite } from '../sync/records';

export type SeedRecord = { entity: EntityName; value: Record<string, unknown> };

/**
 * Writes groups of records, one change-sequence version per group (a work order with its
 * operations and traveler, say), so pulls page on group boundaries. They enter the audit chain
 * as `system` links (A4), so the state verify accounts for them.
 */
export async function writeGroups(tx: StoreWriter, groups: SeedRecord[][], now: string): Promise<void> {
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return;
  let version = await tx.reserveVersions(nonEmpty.length);
  const rows: RecordWrite[] = [];
  for (const group of nonEmpty) {
    for (const r of group) rows.push(toRecordWrite(r.entity, r.value, version, now));
    version += 1;
  }
  await putAuditedRecords(tx, rows, 'seedPlant', now);
}
