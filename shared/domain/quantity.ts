import type { Shift } from '../schema';
import type { ZoneOffset } from './retention';
import { shiftMinutes } from './shifts';

/** The most parts one report (or one correction) may count, good or scrap: a typo guard, not a capacity. */
export const MAX_QUANTITY = 1_000_000;

/** Why a typed quantity is refused, as a code the form shows in words next to the field. */
export type QuantityProblem = 'quantity-not-whole' | 'quantity-too-large';

/**
 * A typed quantity as the form and the args schema see it: empty is 0; anything but digits
 * (a decimal point, a sign, a letter) is refused, never stripped; more than MAX_QUANTITY is refused.
 */
export function parseQuantity(text: string): { ok: true; value: number } | { ok: false; code: QuantityProblem } {
  const s = text.trim();
  if (s === '') return { ok: true, value: 0 };
  if (!/^\d+$/.test(s)) return { ok: false, code: 'quantity-not-whole' };
  // Compare digits before converting: twenty digits are past Number's exact integers.
  const digits = s.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_QUANTITY).length) return { ok: false, code: 'quantity-too-large' };
  const value = Number(digits);
  return value > MAX_QUANTITY ? { ok: false, code: 'quantity-too-large' } : { ok: true, value };
}

/** What is still to make on an operation: ordered − good − scrap, never below 0. */
export function remainingQuantity(ordered: number, good: number, scrap: number): number {
  return Math.max(0, ordered - good - scrap);
}

/** The plant's zone as this runtime sees it: tablet and server both run on the plant's wall clock. */
export const runtimeZone: ZoneOffset = (ms) => -new Date(ms).getTimezoneOffset();

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * The start of the occurrence of `shift` that contains the instant, or undefined when the instant
 * falls outside the shift (between its end and its next start).
 */
export function shiftOccurrence(shift: Pick<Shift, 'start' | 'end'>, ms: number, zone: ZoneOffset = runtimeZone): number | undefined {
  const [h, m] = shift.start.split(':').map(Number) as [number, number];
  const length = shiftMinutes(shift.start, shift.end) * MINUTE;
  const localMidnight = Math.floor((ms + zone(ms) * MINUTE) / DAY) * DAY;
  // A night shift that began yesterday may still be running: look at yesterday's and today's start.
  for (const day of [0, -1]) {
    const wall = localMidnight + day * DAY + (h * 60 + m) * MINUTE;
    const start = wall - zone(wall - zone(ms) * MINUTE) * MINUTE;
    if (start <= ms && ms < start + length) return start;
  }
  return undefined;
}

/** True when both instants fall in one and the same occurrence of the shift (a correction's window). */
export function sameShift(shift: Pick<Shift, 'start' | 'end'>, aMs: number, bMs: number, zone: ZoneOffset = runtimeZone): boolean {
  const a = shiftOccurrence(shift, aMs, zone);
  return a !== undefined && a === shiftOccurrence(shift, bMs, zone);
}

/** How long after an act its actor may still undo it (§4 undoLast). */
export const UNDO_WINDOW_MS = 2 * MINUTE;
