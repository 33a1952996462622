import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ShellSize {
  /** The JavaScript the tablet shell loads before anything else: the entry and its static imports. */
  files: string[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** Chunks that load only when asked (the console, the status screen, pdf.js, zxing). */
  lazy: string[];
}

/** Reads the build's manifest (vite.config.ts `build.manifest`) and sizes the first load, gzipped. */
export function shellSize(dist = join(process.cwd(), 'dist')): ShellSize {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('the build has no entry chunk');
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) walk(i);
  };
  walk(entry);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const files = [...seen].map((k) => manifest[k]!.file);
  const css = [...new Set([...seen].flatMap((k) => manifest[k]!.css ?? []))];
  const lazy = Object.entries(manifest)
    .filter(([k, c]) => !seen.has(k) && c.file.endsWith('.js'))
    .map(([, c]) => c.file);
  return { files, jsGzipBytes: files.reduce((n, f) => n + gz(f), 0), cssGzipBytes: css.reduce((n, f) => n + gz(f), 0), lazy };
}
