import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('npm test on a machine without Chromium', () => {
  it('says once, in one line, how to install it, and fails before building or testing anything', () => {
    const r = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^No Chromium at \/nonexistent\/chromium: .*apt-get install chromium.*CHROMIUM_PATH/), '0 passed, 1 failed']);
    // Nothing was built or run: vitest and vite print nothing.
    expect(r.stderr).toBe('');
  });
});
