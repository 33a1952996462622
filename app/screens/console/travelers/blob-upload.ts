import { z } from 'zod';
import { DocumentContentType, Sha256 } from '../../../../shared/schema';
import type { ApiResult } from '../../../session/console-api';
import { t } from '../../../i18n';

/** What `PUT /api/blobs` answers (server/routes/blobs.ts, T2). */
export const BlobStored = z.object({ sha256: Sha256, bytes: z.number().int().positive(), contentType: DocumentContentType });
export type BlobStored = z.infer<typeof BlobStored>;

/** The hex sha256 of the bytes, where the page may hash (a secure context); else undefined. */
async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends a file's raw bytes to `PUT /api/blobs` with the console's cookie (X2: our own page, so
 * the same-origin rule passes; the JSON-only rule exempts this one route). With the hash known
 * beforehand, bytes damaged on the way are refused (`sha256-mismatch`) rather than stored.
 */
export async function uploadBlob(file: Blob): Promise<ApiResult<BlobStored>> {
  const bytes = await file.arrayBuffer();
  const sha = await sha256Hex(bytes);
  let res: Response;
  try {
    res = await fetch(`/api/blobs${sha ? `?sha256=${sha}` : ''}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
  } catch {
    return { ok: false, code: 'offline', message: t('console.api.offline'), status: 0 };
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (json ?? {}) as { code?: unknown; message?: unknown };
    return {
      ok: false,
      code: typeof e.code === 'string' ? e.code : `http-${res.status}`,
      message: typeof e.message === 'string' ? e.message : res.statusText,
      status: res.status,
    };
  }
  const parsed = BlobStored.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'invalid-response', message: t('console.api.unexpected'), status: res.status };
  return { ok: true, value: parsed.data };
}
