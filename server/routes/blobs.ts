import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { DOCUMENT_CONTROL } from '../../shared/domain/mutators/define';
import { scopesOf, type Document } from '../../shared/schema';
import { authenticate, requireConsoleRole, type AuthEnv } from '../auth/middleware';
import { sniffContentType } from '../blobs/content-type';
import { SHA256_PATTERN, type BlobStore } from '../blobs/types';
import { HttpError, notFound } from '../errors';
import type { Store } from '../store/types';
import type { Clock } from '../../shared/domain/clock';
import { scopesFor } from '../sync/principal';
import { readRawBody } from './body';

/** The default upload limit (`FLOORBOARD_MAX_BLOB_MB`): a drawing set or a photo, not a video. */
export const DEFAULT_MAX_BLOB_BYTES = 50 * 1024 * 1024;

const badSha = () => new HttpError(400, 'invalid-request', 'a blob is addressed by 64 lower-case hex digits (its sha256)');
/** Cached forever: the address is the content (T2). */
// private: a blob is scoped to its stations, so no shared cache (a proxy) may keep it for others.
const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * `/api/blobs` (T2): the office uploads a document's file (`PUT`, the raw bytes), anyone who may
 * see a document with that sha256 downloads it (`GET /:sha256`). What a file is comes from its
 * bytes alone; a tablet that asks for a blob outside its stations' documents gets the same 404
 * as for one that does not exist.
 */
export function blobRoutes(store: Store, clock: Clock, blobs: BlobStore, maxBytes = DEFAULT_MAX_BLOB_BYTES) {
  const r = new Hono<AuthEnv>();
  r.use('*', authenticate(store, clock));

  r.put('/', requireConsoleRole(...DOCUMENT_CONTROL), async (c) => {
    const expected = c.req.query('sha256');
    if (expected !== undefined && !SHA256_PATTERN.test(expected)) throw badSha();
    const bytes = await readRawBody(c, maxBytes);
    const contentType = sniffContentType(bytes);
    if (!contentType) throw new HttpError(415, 'unsupported-content-type', 'a document is a PDF, PNG, JPEG or Markdown (UTF-8 text) file');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (expected !== undefined && expected !== sha256) {
      throw new HttpError(400, 'sha256-mismatch', `the bytes received hash to ${sha256}, not ${expected}`, { sha256 });
    }
    await blobs.put(bytes);
    return c.json({ sha256, bytes: bytes.byteLength, contentType });
  });

  r.get('/:sha256', async (c) => {
    const sha = c.req.param('sha256');
    if (!SHA256_PATTERN.test(sha)) throw badSha();
    const p = c.get('principal');
    const docs = await documentsWith(store, sha);
    const scopes = scopesFor(p);
    const visible = scopes === 'all' ? docs : docs.filter((d) => scopesOf('documents', d).some((s) => scopes.includes(s)));
    // A tablet sees only its stations' documents; the console also what no record names yet (an upload before createDocument).
    if (p.kind === 'device' && visible.length === 0) throw notFound('no such blob');
    const headers = { 'Cache-Control': IMMUTABLE, ETag: `"${sha}"` };
    if (c.req.header('if-none-match')?.includes(`"${sha}"`) && (visible.length > 0 || (await blobs.has(sha)))) {
      return c.body(null, 304, headers);
    }
    const bytes = await blobs.get(sha);
    if (!bytes) throw notFound('no such blob');
    const contentType = visible[0]?.contentType ?? sniffContentType(bytes) ?? 'application/octet-stream';
    return c.body(bytes, 200, { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength) });
  });
  return r;
}

/** The live documents that name this blob. A walk of the documents: a plant holds hundreds, not millions. */
async function documentsWith(store: Store, sha: string): Promise<Document[]> {
  const out: Document[] = [];
  for (const row of await store.listRecords('documents')) {
    if (row.deleted || !row.value.includes(sha)) continue;
    const doc = JSON.parse(row.value) as Document;
    if (doc.sha256 === sha) out.push(doc);
  }
  return out;
}
