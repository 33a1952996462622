/** A shift's clock time, `HH:MM` on a 24-hour clock. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes from start to end; an end earlier than the start crosses midnight (DESIGN §3). */
export function shiftMinutes(start: string, end: string): number {
  const d = minutesOf(end) - minutesOf(start);
  return d <= 0 ? d + 24 * 60 : d;
}

/** The shift rules both the console and the server check, as a code (STYLE 2); null when fine. */
export function shiftProblem(s: { start: string; end: string; plannedBreakMinutes: number }): 'shift-times-equal' | 'break-too-long' | null {
  if (s.start === s.end) return 'shift-times-equal';
  if (s.plannedBreakMinutes >= shiftMinutes(s.start, s.end)) return 'break-too-long';
  return null;
}
