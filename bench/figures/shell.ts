import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellSize } from '../lib/shell-size';
import type { Row } from '../lib/table';

/** The tablet shell's first-load JavaScript, gzipped, from a production build into a temp folder. */
export function shellFigure(): Row {
  const out = mkdtempSync(join(tmpdir(), 'floorboard-shell-'));
  try {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], { stdio: 'inherit' });
    const s = shellSize(out);
    const kb = s.jsGzipBytes / 1024;
    return {
      figure: '8. tablet shell: first-load JavaScript, gzip',
      value: `${kb.toFixed(1)} kB`,
      floor: '',
      ratio: '',
      target: '≤ 80 kB',
      met: kb <= 80 ? 'yes' : 'NO',
      notes: [
        `${s.files.length} chunks: ${s.files.join(', ')}; CSS ${(s.cssGzipBytes / 1024).toFixed(1)} kB gzip besides`,
        `loaded only when used: ${s.lazy.join(', ')}`,
      ],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
