import { describe, expect, it } from 'vitest';
import { harms, type Rows } from './fuzz/world';

const rows = (o: Record<string, string>): Rows => new Map(Object.entries(o));
const before = rows({ 'operations/op-1': '5|0|{"good":1}', 'holds/h-1': '7|0|{"status":"open"}' });

/** The fuzz's "no stored record harmed" check can fail: each way a record can be harmed is caught. */
describe('[X4] the fuzz notices a harmed record', () => {
  it.each([
    ['nothing changed', before, [], []],
    [
      'a change its audit entry names, at a new version',
      rows({ 'operations/op-1': '9|0|{"good":2}', 'holds/h-1': '7|0|{"status":"open"}' }),
      ['operations/op-1'],
      [],
    ],
    ['a new record its audit entry names', rows({ ...Object.fromEntries(before), 'notes/n-1': '9|0|{}' }), ['notes/n-1'], []],
    ['a record that vanished', rows({ 'holds/h-1': '7|0|{"status":"open"}' }), [], ['record operations/op-1 vanished']],
    [
      'a change no audit entry names',
      rows({ 'operations/op-1': '9|0|{"good":2}', 'holds/h-1': '7|0|{"status":"open"}' }),
      [],
      ['record operations/op-1 changed without an audit entry of this request'],
    ],
    [
      'a change at an old version',
      rows({ 'operations/op-1': '5|0|{"good":2}', 'holds/h-1': '7|0|{"status":"open"}' }),
      ['operations/op-1'],
      ['record operations/op-1 changed at an old version'],
    ],
    [
      'a record deleted in place',
      rows({ 'operations/op-1': '5|1|{"good":1}', 'holds/h-1': '7|0|{"status":"open"}' }),
      [],
      ['record operations/op-1 changed without an audit entry of this request'],
    ],
    [
      'a record that appeared unnamed',
      rows({ ...Object.fromEntries(before), 'notes/n-1': '9|0|{}' }),
      [],
      ['record notes/n-1 appeared without an audit entry'],
    ],
  ] as const)('%s', (_, after, written, expected) => {
    expect(harms(before, after, new Set(written), 8)).toEqual(expected);
  });
});
