import { median } from './stats';

/** One line of the figures table, with the notes printed under it. */
export interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  met: string;
  notes: string[];
}

/** Median of one numeric field over runs. */
export const med = <T>(runs: T[], f: (r: T) => number): number => median(runs.map(f));

/** 'yes' / 'NO', and why a figure does not count when a limit other than speed cut in. */
export const met = (ok: boolean, rateLimited = 0): string => (rateLimited > 0 ? 'NO (rate-limited)' : ok ? 'yes' : 'NO');

/** The table (stdout), then each figure's notes. */
export function printTable(rows: Row[], runs: number): void {
  const head = ['figure', `median of ${runs}`, 'floor (median)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [r.figure, r.value, r.floor, r.ratio, r.target, r.met]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log('');
  for (const r of rows) if (r.notes.length) console.log(`${r.figure.split(' ')[0]} ${r.notes.join('\n   ')}`);
}
