import type { AuditRow } from '../store/types';
import { canonicalJson } from './chain';
import type { AuditHead } from './head';

/** The export's format name, on its first line. */
export const EXPORT_FORMAT = 'floorboard-audit-export/1';

/**
 * The first line of a JSON-lines export: the head the export runs up to (X5). The lines after it
 * are the links with seq 1 … head.seq, so a reader can tell a file cut short from a whole one.
 */
export const exportHeaderLine = (head: AuditHead): string => `${canonicalJson({ format: EXPORT_FORMAT, head })}\n`;

/** One link as an export line: the entry exactly as hashed, plus its hash. */
export const exportEntryLine = (row: AuditRow): string => `${row.entry.slice(0, -1)},"hash":${JSON.stringify(row.hash)}}\n`;

export type ExportLine = { kind: 'header'; head: AuditHead } | { kind: 'link'; row: AuditRow } | { kind: 'bad'; reason: string };

/**
 * Reads one export line back: the header, or a link whose entry is re-derived as the canonical
 * JSON of the line without its hash (the text that was hashed; canonical JSON parses back to itself).
 */
export function parseExportLine(line: string): ExportLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { kind: 'bad', reason: 'a line is not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'bad', reason: 'a line is not a JSON object' };
  const o = v as Record<string, unknown>;
  if (o.format !== undefined) {
    const h = o.head as Partial<AuditHead> | undefined;
    if (o.format !== EXPORT_FORMAT || typeof h?.seq !== 'number' || typeof h.hash !== 'string') return { kind: 'bad', reason: `not a ${EXPORT_FORMAT} header` };
    return { kind: 'header', head: { seq: h.seq, hash: h.hash, at: typeof h.at === 'string' ? h.at : null } };
  }
  const { hash, ...entry } = o;
  if (typeof hash !== 'string' || typeof entry.seq !== 'number' || typeof entry.prevHash !== 'string') {
    return { kind: 'bad', reason: 'a line has no seq, prevHash or hash' };
  }
  return { kind: 'link', row: { seq: entry.seq, prevHash: entry.prevHash, hash, entry: canonicalJson(entry) } };
}
