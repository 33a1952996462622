import { createHash } from 'node:crypto';
import { MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_ENVELOPE_DEPTH } from '../../shared/protocol';
import { HttpError } from '../errors';

/** A lone UTF-16 surrogate or a NUL: PostgreSQL's jsonb refuses both, so no stored record may hold one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is what this pattern is for.
const BAD_TEXT = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;

export type JsonProblem = 'too-deep' | 'bad-text';

/**
 * Walks parsed JSON without recursion (a hostile value may be nested far deeper than the stack)
 * and stops at the first problem: nesting beyond `maxDepth` containers, or a string or key with
 * text the databases' JSON types refuse. `skip(key, depth)` leaves a member out of the walk.
 */
export function inspectJson(value: unknown, maxDepth: number, skip?: (key: string, depth: number) => boolean): JsonProblem | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (BAD_TEXT.test(v)) return 'bad-text';
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > maxDepth) return 'too-deep';
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (BAD_TEXT.test(key)) return 'bad-text';
      if (skip?.(key, depth + 1)) continue;
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

/**
 * Any request's JSON (or query): too deep is 400 `request-too-deep`, bad text (in a client id, a
 * name, an actor id) is 400 `invalid-text`. `skip` leaves members out, e.g. the push's args.
 */
export function checkRequestJson(body: unknown, skip?: (key: string, depth: number) => boolean): void {
  const problem = inspectJson(body, MAX_ENVELOPE_DEPTH, skip);
  if (problem === 'too-deep') throw new HttpError(400, 'request-too-deep', `requests may nest at most ${MAX_ENVELOPE_DEPTH} levels outside a mutation's args`);
  if (problem === 'bad-text') throw new HttpError(400, 'invalid-text', 'the request holds text with a lone surrogate or a NUL character');
}

/** The push envelope outside every mutation's `args` (those are judged one by one, S5). */
export function checkEnvelope(body: unknown): void {
  // args sit at depth 3: body (1) → mutations (2) → mutation (3) → args.
  checkRequestJson(body, (key, depth) => key === 'args' && depth === 3);
}

export interface ArgsProblem {
  code: 'args-too-deep' | 'args-too-large' | 'args-invalid-text';
  message: string;
}

/** Why a mutation's args may not be applied or stored as they are, or null when they may. */
export function argsProblem(args: unknown): ArgsProblem | null {
  const problem = inspectJson(args, MAX_ARGS_DEPTH);
  if (problem === 'too-deep') return { code: 'args-too-deep', message: `arguments may nest at most ${MAX_ARGS_DEPTH} levels` };
  if (problem === 'bad-text') return { code: 'args-invalid-text', message: 'the arguments hold text with a lone surrogate or a NUL character' };
  const bytes = jsonBytes(args);
  if (bytes > MAX_ARGS_BYTES) return { code: 'args-too-large', message: `arguments are ${bytes} bytes; at most ${MAX_ARGS_BYTES} are accepted` };
  return null;
}

/** UTF-8 size of a value's JSON; call only on values `inspectJson` has bounded. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}

/**
 * Most bytes of a refused mutation's raw args kept in its rejection record and audit entry; more
 * is replaced by `argsSummary`, so a refused push cannot make the server store its body thrice.
 */
export const KEPT_REJECTED_ARGS_BYTES = 4_096;

/** What is kept of args too big, too deep or too odd to store: their size and hash when computable. */
export function argsSummary(args: unknown, problem: ArgsProblem['code'] | 'args-not-kept'): Record<string, unknown> {
  // Too deep to serialise safely: JSON.stringify recurses.
  if (problem === 'args-too-deep') return { omitted: problem };
  const json = JSON.stringify(args) ?? 'null';
  return { omitted: problem, bytes: Buffer.byteLength(json), sha256: createHash('sha256').update(json).digest('hex') };
}

/** The args a refused mutation's records keep: small raw args as sent, a summary otherwise. */
export function keptRejectedArgs(args: unknown): unknown {
  return jsonBytes(args) <= KEPT_REJECTED_ARGS_BYTES ? args : argsSummary(args, 'args-not-kept');
}
