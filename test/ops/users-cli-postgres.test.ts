import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveProofKey, verifyPin } from '../../shared/domain/pin';
import { findByBadge } from '../../server/auth/people';
import { makeHarness, type Harness } from '../server/harness';
import { runCli } from './cli';

/** `npm run users` on DATABASE_URL: the same commands as on SQLite, on the PostgreSQL store the server uses. */
describe('npm run users on PostgreSQL', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({ store: 'postgres' });
  });
  afterEach(() => h.close());

  it('[A2] lists console users and adds an operator with a generated PIN in the PostgreSQL database', async () => {
    const env = { DATABASE_URL: h.databaseUrl };
    const list = await runCli('users', ['list'], env);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toMatch(/coordinator\s+coordinator\s+active/);

    const add = await runCli('users', ['add-person', 'B3001', '--name', 'Ines Duarte', '--role', 'operator', '--stations', 'st-mill-1', '--generate'], env);
    expect(add.code, add.out).toBe(0);
    const pin = add.out.match(/PIN: (\d{6})/)![1]!;
    const ines = (await findByBadge(h.store, 'B3001'))!;
    expect(ines).toMatchObject({ name: 'Ines Duarte', role: 'operator', stationIds: ['st-mill-1'], active: true });
    expect(await verifyPin(pin, ines.pin!)).toBe(true);
    expect(await h.store.getProofKey(ines.id)).toBe(await deriveProofKey(pin, ines.pin!));
    expect((await runCli('users', ['people'], env)).out).toMatch(/B3001\s+operator\s+active\s+PIN set\s+Ines Duarte\s+st-mill-1/);
  }, 90_000);
});
