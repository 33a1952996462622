import type { DocumentContentType } from '../../shared/schema';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const starts = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * T2: what a file is, by its bytes alone (never its name or the request's header): PDF, PNG, JPEG,
 * or Markdown (UTF-8 text without NUL); anything else is undefined, and refused.
 */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | undefined {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(bytes, PNG)) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.byteLength === 0 || bytes.includes(0)) return undefined;
  try {
    utf8.decode(bytes);
    return 'text/markdown';
  } catch {
    return undefined;
  }
}
