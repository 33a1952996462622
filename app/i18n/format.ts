import { language, LOCALE } from './locale';
import { t } from './t';

/**
 * L1: one format per kind — a date, a time of day, a date with time, a number, a duration, a
 * time relative to now — through `Intl`, in the current language. Every screen formats through
 * these; none calls `toLocaleString` itself.
 */
const cache = new Map<string, unknown>();

function cached<T>(key: string, make: (locale: string) => T): T {
  const locale = LOCALE[language()];
  const k = `${locale}|${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) {
    f = make(locale);
    cache.set(k, f);
  }
  return f;
}

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Dec 2, 2026" / "2 dic 2026". Empty for no date; the raw text for one that is not a date. */
export function formatDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  if (!d) return typeof v === 'string' ? v : '';
  return cached('date', (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric' })).format(d);
}

/** "14:05", 24-hour in every language: a shop floor runs round the clock. */
export function formatTime(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  if (!d) return typeof v === 'string' ? v : '';
  return cached('time', (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(d);
}

/** "Dec 2, 14:05" / "2 dic, 14:05": a date with its time, the year only when it is not this one. */
export function formatDateTime(v: string | number | Date | null | undefined, now = Date.now()): string {
  return dateTime(v, now, false);
}

/** "1,250" / "1250": a count in the language's digits grouping. */
export function formatNumber(n: number): string {
  return cached('num', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 })).format(n);
}

/** A byte size: "12.5 MB". */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const unit = units[i]!;
  return cached(`bytes-${unit}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })).format(v);
}

/** "1 hr, 5 min" / "1 h, 5 min": a duration in hours and minutes, seconds under a minute. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const unit = (u: 'hour' | 'minute' | 'second', n: number) =>
    cached(`dur-${u}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: 'short' })).format(n);
  if (s < 60) return unit('second', s);
  const m = Math.round(s / 60);
  if (m < 60) return unit('minute', m);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const list = cached('list', (l) => new Intl.ListFormat(l, { style: 'narrow', type: 'unit' }));
  return rest === 0 ? unit('hour', h) : list.format([unit('hour', h), unit('minute', rest)]);
}

/** "just now", "5 min ago", "3 hr ago", then the date: how long ago something happened. */
export function formatRelative(v: string | number | null | undefined, now: number): string {
  const d = toDate(v);
  if (!d) return t('time.never');
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 45) return t('time.justNow');
  const rtf = cached('rel', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always', style: 'short' }));
  const m = Math.round(s / 60);
  if (m < 60) return rtf.format(-m, 'minute');
  const h = Math.round(m / 60);
  if (h < 24) return rtf.format(-h, 'hour');
  return formatDate(d);
}

/** "Dec 2, 14:05:09": a date with its time to the second, for the audit feed, where a device clock and the server's are compared. */
export function formatDateTimeSeconds(v: string | number | Date | null | undefined, now = Date.now()): string {
  return dateTime(v, now, true);
}

function dateTime(v: string | number | Date | null | undefined, now: number, seconds: boolean): string {
  const d = toDate(v);
  if (!d) return typeof v === 'string' ? v : '';
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return cached(
    `dt${sameYear ? '' : 'y'}${seconds ? 's' : ''}`,
    (l) =>
      new Intl.DateTimeFormat(l, {
        ...(sameYear ? {} : { year: 'numeric' }),
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
      }),
  ).format(d);
}
