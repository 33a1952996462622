import { REF_FIELD, scopesOf, type EntityName } from '../../shared/schema';
import type { RecordWrite } from '../store/types';

/**
 * Stamps a draft with its version and server time and works out who receives it. The stored JSON
 * is the full record, so a pull can splice it into the response without parsing it again.
 */
export function toRecordWrite(entity: EntityName, draft: Record<string, unknown>, version: number, updatedAt: string): RecordWrite {
  return stampedRecordWrite(entity, { ...draft, version, updatedAt }, version, updatedAt);
}

/** {@link toRecordWrite} of a value already stamped with `version` and `updatedAt` (the push keeps it as the audit's after-image). */
export function stampedRecordWrite(entity: EntityName, value: Record<string, unknown>, version: number, updatedAt: string): RecordWrite {
  const refField = REF_FIELD[entity];
  const ref = refField && value[refField] != null ? String(value[refField]) : null;
  return {
    entity,
    id: String(value.id),
    version,
    updatedAt,
    deleted: false,
    scopes: scopesOf(entity, value),
    ref,
    value: JSON.stringify(value),
  };
}
