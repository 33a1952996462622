/**
 * DESIGN §9: what a scanned code says. Pure; the tablet's wedge and camera both hand their text
 * here, and the console prints what `formatTravelerPayload` makes.
 *
 * A work order's cover sheet carries the traveler payload without an operation: the seq field is
 * empty (`FB1|WO-241001||C`) and parses as a `traveler` with `seq: null`. The three-field form
 * `FB1|WO-241001|C` (no seq field at all) parses the same way, so older cover sheets still scan.
 */
export type ParsedScan =
  | { kind: 'traveler'; workOrder: string; seq: number | null; revision: string }
  | { kind: 'work-order'; number: string }
  | { kind: 'gs1'; gtin?: string; lot?: string; serial?: string; expiry?: string }
  | { kind: 'badge'; badge: string }
  | { kind: 'unknown'; raw: string };

export type TravelerPayload = Extract<ParsedScan, { kind: 'traveler' }>;

/** ASCII GS (group separator, 29): separates GS1 fields and the traveler payload's fields. */
export const GS = '\x1d';

export interface ParseOptions {
  /** The plant's bare ERP work-order numbers; the demo's look like `WO-241001` (and `BIG-000001`). */
  workOrderPattern?: RegExp;
  /** The plant's badge numbers; the demo's look like `B1001` and `C0001`. */
  badgePattern?: RegExp;
}

const WORK_ORDER = /^[A-Z]{1,4}-\d{3,10}$/;
const BADGE = /^[A-Z]\d{4}$/;
/** A work-order number inside a payload: anything printable but the separators. */
const PAYLOAD_WORK_ORDER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
/** A traveler revision: at most 16 characters (T1). */
const REVISION = /^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/;
const SEQ = /^[1-9]\d{0,5}$/;
/** AIM symbology identifiers whose data is GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar). */
const GS1_SYMBOLOGIES = new Set([']C1', ']d2', ']Q3', ']e0']);

/**
 * The scan as its data: terminators trimmed, and an AIM symbology prefix dropped unless it says
 * GS1 (which `parseScan` needs). What a screen that takes any text (an enrollment code) reads.
 */
export function cleanScan(raw: string): string {
  const text = raw.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(text);
  return aim && !GS1_SYMBOLOGIES.has(aim[0]) && aim[0] !== ']E0' ? text.slice(3) : text;
}

/** Reads one scan (wedge burst or camera result) into what it names; never throws. */
export function parseScan(raw: string, opts: ParseOptions = {}): ParsedScan {
  // Scanners end a burst with CR, LF or Tab; some lead with whitespace too.
  let text = raw.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
  let gs1 = false;
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(text);
  if (aim) {
    gs1 = GS1_SYMBOLOGIES.has(aim[0]);
    // ]E0 is EAN-13: a GTIN-13, which GS1 writes as 14 digits with a leading zero.
    if (aim[0] === ']E0' && /^\d{13}$/.test(text.slice(3)) && checkDigitOk(`0${text.slice(3)}`)) return { kind: 'gs1', gtin: `0${text.slice(3)}` };
    text = text.slice(3);
  }
  // FNC1 in first position, transmitted as GS by scanners without AIM identifiers.
  if (text.startsWith(GS)) {
    gs1 = true;
    text = text.slice(1);
  }
  if (text.length === 0) return { kind: 'unknown', raw };

  const traveler = parseTraveler(text);
  if (traveler) return traveler;
  // Without a GS1 identifier, only a string that parses whole with a valid GTIN check digit is GS1.
  if (gs1 || /^01\d{14}/.test(text)) {
    const g = parseGs1(text);
    if (g && (gs1 || g.gtin)) return g;
    if (gs1) return { kind: 'unknown', raw: text };
  }
  const upper = text.toUpperCase();
  // Badge first: a plant's badge pattern may look like a work-order number (EMP-00912).
  if ((opts.badgePattern ?? BADGE).test(upper)) return { kind: 'badge', badge: upper };
  if ((opts.workOrderPattern ?? WORK_ORDER).test(upper)) return { kind: 'work-order', number: upper };
  return { kind: 'unknown', raw: text };
}

function parseTraveler(text: string): TravelerPayload | null {
  if (!text.startsWith('FB1') || (text[3] !== GS && text[3] !== '|')) return null;
  const fields = text.slice(4).split(text[3]!);
  let wo: string;
  let seq: string;
  let rev: string;
  if (fields.length === 3) [wo, seq, rev] = fields as [string, string, string];
  else if (fields.length === 2) [wo, seq, rev] = [fields[0]!, '', fields[1]!];
  else return null;
  if (!PAYLOAD_WORK_ORDER.test(wo) || !REVISION.test(rev) || (seq !== '' && !SEQ.test(seq))) return null;
  return { kind: 'traveler', workOrder: wo, seq: seq === '' ? null : Number(seq), revision: rev };
}

/** Prints a traveler payload (GS-separated for Code 128, or the printable `|` form) that `parseScan` reads back. */
export function formatTravelerPayload(p: { workOrder: string; seq: number | null; revision: string }, form: 'gs' | 'printable' = 'gs'): string {
  if (!PAYLOAD_WORK_ORDER.test(p.workOrder)) throw new Error(`work order ${JSON.stringify(p.workOrder)} cannot go in a traveler payload`);
  if (!REVISION.test(p.revision)) throw new Error(`revision ${JSON.stringify(p.revision)} cannot go in a traveler payload`);
  if (p.seq !== null && !SEQ.test(String(p.seq))) throw new Error(`seq ${p.seq} cannot go in a traveler payload`);
  const sep = form === 'gs' ? GS : '|';
  return ['FB1', p.workOrder, p.seq === null ? '' : String(p.seq), p.revision].join(sep);
}

type Gs1 = Extract<ParsedScan, { kind: 'gs1' }>;

/** GS1 element strings with AIs 01, 10, 17, 21; any other AI makes the whole string unreadable here. */
function parseGs1(text: string): Gs1 | null {
  const out: Gs1 = { kind: 'gs1' };
  let i = 0;
  while (i < text.length) {
    const ai = text.slice(i, i + 2);
    i += 2;
    if (ai === '01' || ai === '17') {
      const n = ai === '01' ? 14 : 6;
      const v = text.slice(i, i + n);
      if (!new RegExp(`^\\d{${n}}$`).test(v)) return null;
      i += n;
      // A fixed-length field may still be followed by a GS some printers add.
      if (text[i] === GS) i++;
      if (ai === '01') {
        if (!checkDigitOk(v)) return null;
        out.gtin = v;
      } else {
        const d = expiryDate(v);
        if (!d) return null;
        out.expiry = d;
      }
    } else if (ai === '10' || ai === '21') {
      const end = text.indexOf(GS, i);
      const v = text.slice(i, end === -1 ? undefined : end);
      if (v.length < 1 || v.length > 20) return null;
      i = end === -1 ? text.length : end + 1;
      if (ai === '10') out.lot = v;
      else out.serial = v;
    } else {
      return null;
    }
  }
  return out;
}

/** GS1 mod-10 check digit of a GTIN-14. */
function checkDigitOk(gtin: string): boolean {
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += Number(gtin[k]) * (k % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

/**
 * AI 17 YYMMDD as an ISO date. The century is 20YY (GS1's sliding window would need today's date,
 * which a pure parser does not read); day 00 means the month's last day, as GS1 says.
 */
function expiryDate(v: string): string | null {
  const y = 2000 + Number(v.slice(0, 2));
  const m = Number(v.slice(2, 4));
  let d = Number(v.slice(4, 6));
  if (m < 1 || m > 12) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d === 0) d = last;
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
