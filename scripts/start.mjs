// `npm start`: builds the app when dist/ is missing or older than its sources, then runs the
// server with tsx (Node 20 cannot run .ts itself). Env vars pass straight through to the server.
// `npm run demo` is the same with `--demo`: FLOORBOARD_SEED=demo, set here rather than in
// package.json so it works in every shell.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'shared', 'index.html', 'vite.config.ts', 'public'];

/** Newest mtime under a path, skipping node_modules; 0 when the path does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const index = join('dist', 'index.html');
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
const stale = built === 0 || SOURCES.some((s) => newest(s) > built);
if (process.env.FLOORBOARD_SKIP_BUILD === '1') {
  console.log('FLOORBOARD_SKIP_BUILD=1: not building the app');
} else if (stale) {
  console.log('building the app (npx vite build)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) console.warn('WARNING: the app build failed; starting the API anyway (the app pages will 404).');
}

const env = process.argv.includes('--demo') ? { ...process.env, FLOORBOARD_SEED: 'demo' } : process.env;
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env });
// Forward signals so the server shuts down gracefully instead of being orphaned.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
