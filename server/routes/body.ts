import type { Context } from 'hono';
import type { z } from 'zod';
import { MAX_BODY_BYTES } from '../../shared/protocol';
import { HttpError } from '../errors';

const tooLarge = () => new HttpError(413, 'body-too-large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);

/** Reads a JSON body within the size limit; malformed JSON is 400 `malformed-json`, not a 500. */
export async function readJson(c: Context): Promise<unknown> {
  const length = Number(c.req.header('content-length') ?? NaN);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(new TextDecoder().decode(buf));
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

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(c));
}
