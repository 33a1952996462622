import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '../../shared/schema';
import { systemClock } from '../../shared/domain/clock';
import { deriveProofKey, verifyPin } from '../../shared/domain/pin';
import { findByBadge } from '../../server/auth/people';
import { seedDemoPlant } from '../../server/seed/demo';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { signIn } from '../../server/auth/session';
import { createSqliteStore } from '../../server/store/sqlite';

/** Runs `npm run users -- …`'s script for real against DATA_DIR, with `input` on stdin. */
function users(dataDir: string, args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/users.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.stdin.end(input);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run users (A3)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fb-users-cli-'));
    const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
    await ensureCoordinator(store, systemClock, 'coordinator-pass');
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function withStore<T>(fn: (store: Awaited<ReturnType<typeof createSqliteStore>>) => Promise<T>): Promise<T> {
    const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }
  const canSignIn = (username: string, password: string) =>
    withStore((s) =>
      signIn(s, systemClock, username, password, 'cli-test').then(
        () => true,
        () => false,
      ),
    );

  it("[A3] add, list, passwd and disable work on DATA_DIR's database, through the store", async () => {
    const add = await users(dir, ['add', 'quinn', '--name', 'Quinn Quality', '--role', 'quality'], 'quality-first-pass\n');
    expect(add).toMatchObject({ code: 0 });
    expect(add.out).toContain('added quinn (quality, Quinn Quality)');
    expect(await canSignIn('quinn', 'quality-first-pass')).toBe(true);

    const list = await users(dir, ['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/coordinator\s+coordinator\s+active/);
    expect(list.out).toMatch(/quinn\s+quality\s+active\s+Quinn Quality/);

    expect((await users(dir, ['passwd', 'quinn'], 'quality-second-pass\n')).code).toBe(0);
    expect(await canSignIn('quinn', 'quality-first-pass')).toBe(false);
    expect(await canSignIn('quinn', 'quality-second-pass')).toBe(true);

    expect((await users(dir, ['disable', 'quinn'])).code).toBe(0);
    expect(await canSignIn('quinn', 'quality-second-pass')).toBe(false);
    expect((await users(dir, ['list'])).out).toMatch(/quinn\s+quality\s+disabled/);

    // Each change is in the audit chain, by the command's actor, without a password.
    const all = await withStore(async (s) => (await s.auditEntries(0, 100)).map((r) => JSON.parse(r.entry) as AuditEntry));
    // The first coordinator enters the chain when the database is created (docs/audit.md).
    expect(all[0]!.mutation).toBe('createCoordinator');
    const entries = all.slice(1);
    expect(entries.map((e) => e.mutation)).toEqual(['createUser', 'setPassword', 'disableUser']);
    expect(entries.every((e) => e.deviceId === 'cli' && e.actorId.startsWith('cli:'))).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/quality-(first|second)-pass|scrypt/);
  }, 60_000);

  it('[A3] --generate prints a password that works; the rules and bad input are refused in words', async () => {
    const gen = await users(dir, ['add', 'ada', '--name', 'Ada Admin', '--role', 'admin', '--generate']);
    expect(gen.code).toBe(0);
    const password = gen.out.match(/password: (\S+)/)![1]!;
    expect(await canSignIn('ada', password)).toBe(true);

    const short = await users(dir, ['add', 'bob', '--name', 'Bob', '--role', 'planner'], 'too-short\n');
    expect(short).toMatchObject({ code: 1 });
    expect(short.out).toContain('password-too-short');
    const role = await users(dir, ['add', 'bob', '--name', 'Bob', '--role', 'operator'], 'long-enough-password\n');
    expect(role.code).toBe(1);
    expect(role.out).toContain('role');
    expect((await users(dir, ['passwd', 'nobody'], 'long-enough-password\n')).out).toContain('no console user nobody');
    expect((await users(dir, ['frobnicate', 'x'])).out).toContain('usage: npm run users');
    const user = await withStore((s) => s.getConsoleUser('bob'));
    expect(user).toBeUndefined();
    const ada = await withStore(async (s) => JSON.parse((await s.getRecord('users', (await s.getConsoleUser('ada'))!.userId))!.value) as User);
    expect(ada).toMatchObject({ role: 'admin', active: true, pin: null });
  }, 60_000);

  it('[A2] floor people: add-person with a PIN read like a password, pin --generate, people, edit-person and disable-person', async () => {
    await withStore((s) => seedDemoPlant(s, { clock: systemClock, pinIterations: 1 }));
    const add = await users(dir, ['add-person', 'B3001', '--name', 'Ines Duarte', '--role', 'operator', '--stations', 'st-mill-1,st-5axis-1'], '4071\n');
    expect(add.code, add.out).toBe(0);
    expect(add.out).toContain('added Ines Duarte (operator, badge B3001, st-mill-1, st-5axis-1); PIN set');
    expect(add.out).not.toMatch(/(?<![0-9a-f])4071(?![0-9a-f])/i); // not as part of an id's hex
    const ines = await withStore(async (s) => (await findByBadge(s, 'b3001'))!);
    expect(await verifyPin('4071', ines.pin!)).toBe(true);
    expect(await withStore((s) => s.getProofKey(ines.id))).toBe(await deriveProofKey('4071', ines.pin!));

    const gen = await users(dir, ['pin', 'b3001', '--generate']);
    expect(gen.code, gen.out).toBe(0);
    const pin = gen.out.match(/PIN: (\d{6})/)![1]!;
    const after = await withStore(async (s) => (await findByBadge(s, 'B3001'))!);
    expect(await verifyPin(pin, after.pin!)).toBe(true);
    expect(await verifyPin('4071', after.pin!)).toBe(false);
    expect(await withStore((s) => s.getProofKey(ines.id))).toBe(await deriveProofKey(pin, after.pin!));

    const weak = await users(dir, ['pin', 'B3001'], '1111\n');
    expect(weak).toMatchObject({ code: 1 });
    expect(weak.out).toContain('pin-too-simple');
    const clash = await users(dir, ['add-person', 'b1001', '--name', 'X', '--role', 'lead', '--stations', 'st-mill-1', '--no-pin']);
    expect(clash.out).toContain('badge-taken');
    expect((await users(dir, ['add-person', 'B3002', '--name', 'X', '--role', 'lead', '--stations', 'st-moon', '--no-pin'])).out).toContain('unknown-station');
    expect((await users(dir, ['pin', 'B9999'], '4071\n')).out).toContain('no one has the badge B9999');

    expect((await users(dir, ['edit-person', 'B3001', '--stations', 'st-lathe-1', '--role', 'lead'])).out).toContain('works at st-lathe-1');
    expect((await users(dir, ['disable-person', 'B3001'])).code).toBe(0);
    expect((await users(dir, ['people'])).out).toMatch(/B3001\s+lead\s+disabled PIN set\s+Ines Duarte\s+st-lathe-1/);
    const entries = await withStore(async (s) =>
      (await s.auditEntries(0, 100)).map((r) => JSON.parse(r.entry) as AuditEntry).filter((e) => e.deviceId === 'cli'),
    );
    expect(entries.map((e) => e.mutation)).toEqual(['createPerson', 'setPin', 'updatePerson', 'disablePerson']);
    expect(JSON.stringify(entries)).not.toContain(pin);
  }, 90_000);

  it('[L1] --language on add, edit, add-person and edit-person; a language we do not speak is refused in words, nothing written', async () => {
    const record = (id: string) => withStore(async (s) => JSON.parse((await s.getRecord('users', id))!.value) as User);
    expect(await users(dir, ['add', 'rosa', '--name', 'Rosa Ruiz', '--role', 'planner', '--language', 'es'], 'planner-first-pass\n')).toMatchObject({
      code: 0,
    });
    const rosa = (await withStore((s) => s.getConsoleUser('rosa')))!.userId;
    expect((await record(rosa)).language).toBe('es');
    expect(await users(dir, ['edit', 'rosa', '--language', 'en'])).toMatchObject({
      code: 0,
      out: expect.stringContaining('rosa (Rosa Ruiz) sees the console in en'),
    });
    expect((await record(rosa)).language).toBe('en');
    const bad = await users(dir, ['edit', 'rosa', '--language', 'fr']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('language:');
    expect((await record(rosa)).language).toBe('en');

    await withStore((s) => seedDemoPlant(s, { clock: systemClock, pinIterations: 1 }));
    expect(
      await users(dir, ['add-person', 'B7001', '--name', 'Eva Soto', '--role', 'operator', '--stations', 'st-mill-1', '--language', 'es', '--no-pin']),
    ).toMatchObject({ code: 0 });
    const eva = (await withStore((s) => findByBadge(s, 'B7001')))!;
    expect(eva.language).toBe('es');
    expect(await users(dir, ['edit-person', 'B7001', '--language', 'en'])).toMatchObject({ code: 0 });
    expect((await record(eva.id)).language).toBe('en');
    expect(
      (await users(dir, ['add-person', 'B7002', '--name', 'X', '--role', 'operator', '--stations', 'st-mill-1', '--language', 'de', '--no-pin'])).code,
    ).toBe(1);
    expect(await withStore((s) => findByBadge(s, 'B7002'))).toBeUndefined();
  }, 120_000);

  it('uses DATABASE_URL when it is set (the PostgreSQL store), and says so in words when it is no postgres:// URL', async () => {
    const r = await users(dir, ['list'], '', { DATABASE_URL: 'mysql://somewhere/plant' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('DATABASE_URL must be a postgres:// URL');
    expect(r.out).not.toContain('only the SQLite store');
  }, 60_000);

  it('refuses, in words, a DATA_DIR without a database instead of creating one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'fb-users-cli-none-'));
    try {
      const r = await users(empty, ['list']);
      expect(r.code).toBe(1);
      expect(r.out).toContain('no database at');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});
