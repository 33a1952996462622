import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanScan, formatTravelerPayload, GS, parseScan, type ParsedScan } from '../../shared/barcode';

const traveler = (workOrder: string, seq: number | null, revision: string): ParsedScan => ({ kind: 'traveler', workOrder, seq, revision });

describe('[§9] parseScan', () => {
  it.each<[string, string, ParsedScan]>([
    ['the traveler payload with GS', `FB1${GS}WO-241001${GS}30${GS}C`, traveler('WO-241001', 30, 'C')],
    ['the printable fallback', 'FB1|WO-241001|30|C', traveler('WO-241001', 30, 'C')],
    ['a cover sheet: empty seq', 'FB1|WO-241001||C', traveler('WO-241001', null, 'C')],
    ['a cover sheet: empty seq, GS', `FB1${GS}WO-241001${GS}${GS}B`, traveler('WO-241001', null, 'B')],
    ['a cover sheet in the three-field form', 'FB1|WO-241001|C', traveler('WO-241001', null, 'C')],
    ['a Code 128 symbology prefix', ']C0FB1|WO-241001|30|C', traveler('WO-241001', 30, 'C')],
    ['a trailing CR LF', 'FB1|WO-241001|30|C\r\n', traveler('WO-241001', 30, 'C')],
    ['a trailing Tab', 'FB1|BIG-000001|10|A\t', traveler('BIG-000001', 10, 'A')],
    ['a bare ERP number', 'WO-241001', { kind: 'work-order', number: 'WO-241001' }],
    ['a bare ERP number typed in lower case', 'wo-241001\r', { kind: 'work-order', number: 'WO-241001' }],
    ['a big-plant number', 'BIG-000123', { kind: 'work-order', number: 'BIG-000123' }],
    ['a badge', 'B1001', { kind: 'badge', badge: 'B1001' }],
    ['the coordinator badge', 'C0001\n', { kind: 'badge', badge: 'C0001' }],
    [
      'GS1-128: GTIN, lot, expiry, serial',
      `]C10109506000134352${GS}10LOT42${GS}17271231${GS}21SN-7`,
      { kind: 'gs1', gtin: '09506000134352', lot: 'LOT42', expiry: '2027-12-31', serial: 'SN-7' },
    ],
    ['GS1-128: fixed fields need no GS', ']C1010950600013435217260200', { kind: 'gs1', gtin: '09506000134352', expiry: '2026-02-28' }],
    ['GS1: expiry day 00 is the last day (leap year)', ']C11728020010B7', { kind: 'gs1', expiry: '2028-02-29', lot: 'B7' }],
    ['GS1 DataMatrix prefix', `]d20109506000134352${GS}21XYZ`, { kind: 'gs1', gtin: '09506000134352', serial: 'XYZ' }],
    ['GS1 QR prefix', ']Q30109506000134352', { kind: 'gs1', gtin: '09506000134352' }],
    ['FNC1 sent as a leading GS', `${GS}0109506000134352${GS}10A1`, { kind: 'gs1', gtin: '09506000134352', lot: 'A1' }],
    ['GS1 without any prefix, valid check digit', '010950600013435210L9', { kind: 'gs1', gtin: '09506000134352', lot: 'L9' }],
    ['EAN-13 with ]E0', ']E09506000134352', { kind: 'gs1', gtin: '09506000134352' }],
    ['an enrollment code', 'K7Q2-M9XA', { kind: 'unknown', raw: 'K7Q2-M9XA' }],
  ])('%s', (_name, raw, expected) => {
    expect(parseScan(raw)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['only the terminator', '\r\n'],
    ['only a prefix', ']C1'],
    ['a traveler with five fields', 'FB1|WO-1|10|A|X'],
    ['a traveler with a non-numeric seq', 'FB1|WO-1|1O|A'],
    ['a traveler with seq 0', 'FB1|WO-1|0|A'],
    ['a traveler with an empty work order', 'FB1||10|A'],
    ['a traveler with a revision too long', 'FB1|WO-1|10|ABCDEFGHIJKLMNOPQ'],
    ['a traveler with no revision', 'FB1|WO-1|10|'],
    ['GS1 with a wrong check digit', ']C10109506000134353'],
    ['GS1 with an AI this parser does not read', ']C101095060001343523103000189'],
    ['GS1 with month 13', ']C117271301'],
    ['GS1 with 31 February', ']C117270231'],
    ['GS1 with an empty lot', `]C110${GS}21A`],
    ['GS1 with a lot over 20 characters', ']C110ABCDEFGHIJKLMNOPQRSTU'],
  ])('unknown: %s', (_name, raw) => {
    expect(parseScan(raw).kind).toBe('unknown');
  });

  it('a number without GS1 prefix and a bad check digit is not GS1', () => {
    expect(parseScan('0109506000134353').kind).toBe('unknown');
  });

  it('takes the plant patterns when given', () => {
    expect(parseScan('240017', { workOrderPattern: /^\d{6}$/ })).toEqual({ kind: 'work-order', number: '240017' });
    expect(parseScan('EMP-00912', { badgePattern: /^EMP-\d{5}$/ })).toEqual({ kind: 'badge', badge: 'EMP-00912' });
  });
});

describe('[§9] cleanScan', () => {
  it.each([
    [']Q1K7Q2M9XA\r\n', 'K7Q2M9XA'],
    [']C0WO-241001', 'WO-241001'],
    ['plain\t', 'plain'],
    [']C10109506000134352', ']C10109506000134352'],
    [']d20109506000134352', ']d20109506000134352'],
  ])('%j is %j', (raw, clean) => {
    expect(cleanScan(raw)).toBe(clean);
  });
});

describe('[§9] formatTravelerPayload', () => {
  it('prints the GS form and the printable form', () => {
    expect(formatTravelerPayload({ workOrder: 'WO-241001', seq: 30, revision: 'C' })).toBe(`FB1${GS}WO-241001${GS}30${GS}C`);
    expect(formatTravelerPayload({ workOrder: 'WO-241001', seq: 30, revision: 'C' }, 'printable')).toBe('FB1|WO-241001|30|C');
    expect(formatTravelerPayload({ workOrder: 'WO-241001', seq: null, revision: 'C' }, 'printable')).toBe('FB1|WO-241001||C');
  });

  it('refuses fields that would not parse back', () => {
    expect(() => formatTravelerPayload({ workOrder: 'WO|1', seq: 10, revision: 'A' })).toThrow();
    expect(() => formatTravelerPayload({ workOrder: 'WO-1', seq: 0, revision: 'A' })).toThrow();
    expect(() => formatTravelerPayload({ workOrder: 'WO-1', seq: 10, revision: '' })).toThrow();
  });

  it('what it prints parses back to the same value, in both forms and behind any prefix or terminator', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcxyz0123456789');
    const workOrder = fc.tuple(alnum, fc.array(fc.constantFrom(...'ABCXYZ0123456789._/-'), { maxLength: 39 })).map(([h, t]) => h + t.join(''));
    const revision = fc.tuple(alnum, fc.array(fc.constantFrom(...'ABCZ019.-'), { maxLength: 15 })).map(([h, t]) => h + t.join(''));
    const seq = fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: null });
    fc.assert(
      fc.property(
        workOrder,
        seq,
        revision,
        fc.constantFrom<'gs' | 'printable'>('gs', 'printable'),
        fc.constantFrom('', ']C0', ']Q1'),
        fc.constantFrom('', '\r', '\n', '\r\n', '\t'),
        (wo, s, rev, form, prefix, end) => {
          const printed = formatTravelerPayload({ workOrder: wo, seq: s, revision: rev }, form);
          expect(parseScan(prefix + printed + end)).toEqual(traveler(wo, s, rev));
        },
      ),
      { numRuns: 500 },
    );
  });
});
