import type { DocumentContentType } from '../../../../shared/schema';

/** The revision after `rev`: A → B, Z → AA, 7 → 8; anything else gets a letter after it. */
export function revisionAfter(rev: string): string {
  const r = rev.trim().toUpperCase();
  if (/^\d+$/.test(r)) return String(Number(r) + 1);
  if (!/^[A-Z]+$/.test(r)) return `${r}A`;
  const chars = [...r];
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === 'Z') chars[i--] = 'A';
  if (i < 0) return `A${chars.join('')}`;
  chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
  return chars.join('');
}

/** Orders revisions as a plant counts them: shorter first (Z before AA), then alphabetically. */
const byRevision = (a: string, b: string) => a.length - b.length || a.localeCompare(b);

/** The revision to suggest after the ones that exist (none: A), never one of them. */
export function nextRevision(existing: readonly string[]): string {
  if (existing.length === 0) return 'A';
  const taken = new Set(existing.map((r) => r.trim().toUpperCase()));
  let next = revisionAfter([...taken].sort(byRevision).at(-1)!);
  while (taken.has(next)) next = revisionAfter(next);
  return next;
}

const TYPES: Record<string, DocumentContentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  md: 'text/markdown',
  markdown: 'text/markdown',
};

/** What a file's name says it is (T2's four kinds), or undefined for any other name. */
export function typeFromName(name: string): DocumentContentType | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? TYPES[ext] : undefined;
}

/** The signature a binary kind starts with; Markdown has none (the server checks it is text). */
const SIGNATURES: Partial<Record<DocumentContentType, number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** Whether a file's first bytes fit the kind its name claims (a text file renamed .pdf does not). */
export function headMatches(type: DocumentContentType, head: Uint8Array): boolean {
  const sig = SIGNATURES[type];
  return !sig || sig.every((b, i) => head[i] === b);
}

/**
 * A number and title guessed from a file name: "DWG-1001 Shaft drawing.pdf" → DWG-1001, "Shaft
 * drawing"; a name without a space is both. The coordinator corrects either before creating.
 */
export function fromFileName(name: string): { number: string; title: string } {
  const base = name.replace(/\.[A-Za-z]+$/, '').trim();
  const m = /^([A-Za-z0-9][A-Za-z0-9.-]*)[\s_]+(.+)$/.exec(base);
  const number = (m ? m[1]! : base).replace(/\s+/g, '-').slice(0, 64);
  const title = (m ? m[2]! : base).replace(/_/g, ' ').trim().slice(0, 200);
  return { number: number.toUpperCase(), title: title || number };
}
