import fc from 'fast-check';

/** Words the schemas accept somewhere (enums, kinds), so hostile args sometimes get past the first check. */
const WORDS = [
  'quality',
  'material',
  'engineering',
  'priority-shift',
  'resequence',
  'hold',
  'release',
  'expedite',
  'note',
  'running',
  'completed',
  'pending',
  'paused',
  'scrap',
  'BURR',
  'open',
  'resolved',
  'kept',
  'mine',
  'coordinator',
  'admin',
  'operator',
  'lead',
  'priority',
  'dueAt',
  '2026-03-02T10:00:00.000Z',
  '2099-01-01T00:00:00Z',
  'not-a-date',
];

/** Strings that have broken parsers, routers and SQL before. */
const NASTY = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "'; DROP TABLE records; --",
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\u{1F600}',
  '../../etc/passwd',
  '..%2f..%2f',
  'null',
  'undefined',
  'NaN',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as literal text.
  '${7*7}',
  '\r\nX-Injected: 1',
  'a'.repeat(129),
  'ü'.repeat(65),
];

/** Deeply nested JSON text: arrays or objects `depth` levels down around `leaf`. */
export function nested(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** A JSON value to drop where a field is expected: anything from a real id to a trap. */
export function hostileValue(ids: string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 1_000, maxLength: 70_000, unit: 'grapheme-ascii' }) },
    { weight: 3, arbitrary: fc.integer({ min: -5, max: 1_000 }) },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, 1e-300, Number.MAX_SAFE_INTEGER + 2) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('id', 'a', '__proto__', 'constructor', 'x'), leaf, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
}

/** A whole body that is not the request's shape: any JSON, deep nesting, huge, garbage, bytes. */
export const strayBody: fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k)) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '}', '[', 'nul', '{"a":1,}', '{"a":1}{"b":2}', '\uFEFF{}', '1e99999', '"\\ud800"', 'true', '0', '-0') },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array(b)) },
  { weight: 1, arbitrary: fc.constantFrom(990_000, 1_000_001, 1_300_000).map((n) => JSON.stringify({ pad: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
