import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { systemClock } from '../../shared/domain/clock';
import { CreateUserRequest } from '../../shared/protocol';
import { OfficeRole } from '../../shared/schema';
import { generatePassword } from '../auth/crypto';
import { createUser, listUsers, setPassword, setUserActive, type UserActor } from '../auth/users';
import { HttpError } from '../errors';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';

const USAGE = `usage: npm run users -- <command>
  list                                          every console user
  add <username> --name "<full name>" --role <role> [--badge <badge>] [--generate]
  passwd <username> [--generate]                set a new password (ends the user's sessions)
  disable <username> | enable <username>        a disabled user cannot sign in
The password is asked for (or read from the first line of stdin); --generate makes and prints one.
Roles: ${OfficeRole.options.join(', ')}. Works on DATA_DIR's database (default ./data).`;

/** The store the server uses: DATA_DIR's SQLite file (PostgreSQL through DATABASE_URL once it exists). */
async function openStore(): Promise<Store> {
  if (process.env.DATABASE_URL) throw new CliError('DATABASE_URL is set, but this build has only the SQLite store: unset it to use DATA_DIR.');
  const file = join(process.env.DATA_DIR ?? './data', 'floorboard.sqlite');
  if (!existsSync(file)) throw new CliError(`no database at ${file}: start the server once (npm start), or set DATA_DIR.`);
  return createSqliteStore({ file });
}

class CliError extends Error {}

/** Asks twice without echo on a terminal; otherwise takes the first line of stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    throw new CliError('no password on stdin (or use --generate)');
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const out = rl as unknown as { _writeToOutput: (s: string) => void };
      out._writeToOutput = (s) => void (s.startsWith(q) ? process.stdout.write(q) : undefined);
      rl.question(q, (a) => {
        rl.close();
        process.stdout.write('\n');
        resolve(a);
      });
    });
  const first = await ask('new password: ');
  if ((await ask('again: ')) !== first) throw new CliError('the two passwords differ; nothing was changed');
  return first;
}

async function newPassword(generate: boolean | undefined): Promise<{ password: string; shown: boolean }> {
  return generate ? { password: generatePassword(), shown: true } : { password: await readPassword(), shown: false };
}

async function accountId(store: Store, username: string): Promise<string> {
  const account = await store.getConsoleUser(username);
  if (!account) throw new CliError(`no console user ${username}`);
  return account.userId;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, badge: { type: 'string' }, generate: { type: 'boolean' } },
  });
  const [command, username] = positionals;
  if (!command || (command !== 'list' && !username)) throw new CliError(USAGE);
  const actor: UserActor = { actorId: `cli:${userInfo().username}`, deviceId: 'cli' };
  const store = await openStore();
  try {
    if (command === 'list') {
      for (const u of await listUsers(store)) {
        console.log(`${u.username.padEnd(20)} ${u.role.padEnd(12)} ${u.active ? 'active  ' : 'disabled'}  ${u.name}`);
      }
    } else if (command === 'add') {
      const { password, shown } = await newPassword(values.generate);
      const parsed = CreateUserRequest.safeParse({ username, name: values.name, role: values.role, badge: values.badge, password });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n') + `\n\n${USAGE}`);
      const u = await createUser(store, systemClock, actor, parsed.data);
      console.log(`added ${u.username} (${u.role}, ${u.name})${shown ? `; password: ${password}` : ''}`);
    } else if (command === 'passwd') {
      const id = await accountId(store, username!);
      const { password, shown } = await newPassword(values.generate);
      await setPassword(store, systemClock, actor, id, password);
      console.log(`new password set for ${username}; their sessions ended${shown ? `. Password: ${password}` : ''}`);
    } else if (command === 'disable' || command === 'enable') {
      await setUserActive(store, systemClock, actor, await accountId(store, username!), command === 'enable');
      console.log(`${username} ${command}d`);
    } else throw new CliError(`unknown command ${command}\n\n${USAGE}`);
  } finally {
    await store.close();
  }
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof HttpError) console.error(`${err.code}: ${err.message}`);
  else if (err instanceof CliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error((err as Error).message);
  else throw err;
  process.exitCode = 1;
}
