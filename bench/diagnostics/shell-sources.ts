// `npx tsx bench/diagnostics/shell-sources.ts [top=40]`: where figure 8's first-load JavaScript
// comes from. Builds the app with source maps into .tmp/shell-sources/, attributes every byte of
// the first-load chunks (bench/lib/shell-size.ts) to the module the map names, and prints the
// modules and packages by estimated gzip bytes (each chunk's gzip ratio spread over its bytes).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { shellSize } from '../lib/shell-size';

const TOP = Number(process.argv[2] ?? 40);
const out = resolve('.tmp/shell-sources');
execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--sourcemap', '--outDir', out, '--emptyOutDir'], { stdio: 'inherit' });
try {
  const s = shellSize(out);
  const byModule = new Map<string, number>();
  let total = 0;
  for (const file of s.files) {
    const code = readFileSync(join(out, file), 'utf8');
    const ratio = gzipSync(code, { level: 9 }).length / Buffer.byteLength(code);
    total += gzipSync(code, { level: 9 }).length;
    if (!existsSync(join(out, `${file}.map`))) {
      byModule.set(`(no map) ${file}`, gzipSync(code, { level: 9 }).length);
      continue;
    }
    const map = new SourceMapConsumer(JSON.parse(readFileSync(join(out, `${file}.map`), 'utf8')));
    const lines = code.split('\n');
    // Every mapping starts a segment that runs to the next mapping on its line.
    const segs: { line: number; col: number; source: string }[] = [];
    map.eachMapping((m) => segs.push({ line: m.generatedLine, col: m.generatedColumn, source: m.source ?? '(none)' }));
    segs.sort((a, b) => a.line - b.line || a.col - b.col);
    for (let i = 0; i < segs.length; i++) {
      const a = segs[i]!;
      const b = segs[i + 1];
      const end = b && b.line === a.line ? b.col : lines[a.line - 1]!.length;
      const bytes = Buffer.byteLength(lines[a.line - 1]!.slice(a.col, end));
      const name = a.source.replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
      byModule.set(name, (byModule.get(name) ?? 0) + bytes * ratio);
    }
  }
  const pkg = new Map<string, number>();
  for (const [m, b] of byModule) {
    const p = m.startsWith('node_modules/')
      ? m
          .split('/')
          .slice(0, m.split('/')[1]!.startsWith('@') ? 3 : 2)
          .join('/')
      : m.split('/').slice(0, 2).join('/');
    pkg.set(p, (pkg.get(p) ?? 0) + b);
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(9);
  console.log(`first load: ${kb(total)} gzip in ${s.files.join(', ')}\n\nby package / folder:`);
  for (const [p, b] of [...pkg].sort((x, y) => y[1] - x[1]).slice(0, TOP)) console.log(`${kb(b)}  ${p}`);
  console.log('\nby module:');
  for (const [m, b] of [...byModule].sort((x, y) => y[1] - x[1]).slice(0, TOP)) console.log(`${kb(b)}  ${m}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
