import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { MAX_BODY_BYTES } from '../../shared/protocol';
import { HttpError } from '../errors';
import { checkRequestJson } from '../sync/bounds';

const tooLarge = (limit = MAX_BODY_BYTES) => new HttpError(413, 'body-too-large', `request bodies are limited to ${limit} bytes`);

/** The Node request behind a Hono context when served by @hono/node-server (`c.env.incoming`). */
function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && !incoming.readableEnded && !incoming.destroyed ? incoming : undefined;
}

/**
 * Reads the body straight off the Node stream. `c.req.arrayBuffer()` would first build a full
 * fetch `Request` (undici: headers, an AbortSignal, a web stream over the socket), which cost a
 * push about a tenth of its server time under load. Past the limit the rest is read and dropped,
 * so the connection stays usable for the 413.
 */
function readNodeBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    incoming.on('data', (chunk: Buffer) => {
      if (over) return; // read and dropped
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        over = true;
        chunks.length = 0;
        reject(tooLarge(limit));
      }
    });
    incoming.on('end', () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    incoming.on('error', reject);
  });
}

async function readBytes(c: Context, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const incoming = nodeRequest(c);
  if (incoming) return readNodeBody(incoming, limit);
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > limit) throw tooLarge(limit);
  return new Uint8Array(buf);
}

/** The raw body within `limit` bytes (a blob upload); past it, 413 `body-too-large` before all is read into memory. */
export async function readRawBody(c: Context, limit: number): Promise<Uint8Array> {
  const length = Number(c.req.header('content-length') ?? NaN);
  if (length > limit) throw tooLarge(limit);
  return readBytes(c, limit);
}

/** Reads a JSON body within the size limit; malformed JSON is 400 `malformed-json`, not a 500. */
export async function readJson(c: Context): Promise<unknown> {
  const length = Number(c.req.header('content-length') ?? NaN);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readBytes(c);
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed-json', 'the body is not valid JSON');
  }
}

/** Validates with a shared schema; failures list zod's issues (400 `invalid-request`). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid-request', 'the request does not match the schema', { issues: r.error.issues });
  return r.data;
}

/** Reads, bounds (depth, text the databases refuse) and validates a JSON body. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const body = await readJson(c);
  checkRequestJson(body);
  return parseWith(schema, body);
}
