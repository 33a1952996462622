// `npm test`: builds the app (the browser tests run against the built app), runs every vitest
// test, and ends with the one line CI reads: `N passed, N failed`, taken from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });

// The browser tests drive a real Chromium (never a downloaded one). Without it every browser test
// file would fail on its own with "executable doesn't exist"; say once, in one line, what to do.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(
    `No Chromium at ${chromium}: the browser tests need one. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
  );
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // Failed tests, plus each test file that failed without a failed test of its own (it did not
  // load, or a hook threw). vitest's numFailedTestSuites also counts the describe blocks around
  // a failed test, which would count one failure several times.
  const fileErrors = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  failed = (json.numFailedTests ?? 0) + fileErrors;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);
