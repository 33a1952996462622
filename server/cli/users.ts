import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { systemClock } from '../../shared/domain/clock';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, pinProblem } from '../../shared/domain/pin';
import { CreatePersonRequest, CreateUserRequest, UpdatePersonRequest, UpdateUserRequest } from '../../shared/protocol';
import { FloorRole, OfficeRole, type User } from '../../shared/schema';
import { generatePassword } from '../auth/crypto';
import { createPerson, findByBadge, listPeople, setPersonActive, setPin, updatePerson } from '../auth/people';
import { createUser, listUsers, setPassword, setUserActive, updateUser, type UserActor } from '../auth/users';
import { HttpError } from '../errors';
import { createPostgresStore } from '../store/postgres';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';

const USAGE = `usage: npm run users -- <command>
Console users (office staff, username + password):
  list                                          every console user
  add <username> --name "<full name>" --role <role> [--badge <badge>] [--language en|es] [--generate]
  edit <username> --language en|es             the language their console speaks
  passwd <username> [--generate]                set a new password (ends the user's sessions)
  disable <username> | enable <username>        a disabled user cannot sign in
Floor people (operators and leads, badge + PIN at the station tablets):
  people                                        every operator and lead
  add-person <badge> --name "<full name>" --role operator|lead --stations <id,id…> [--language en|es] [--generate | --no-pin]
  pin <badge> [--generate]                      set or reset a PIN (anyone with a badge but the auditor)
  edit-person <badge> [--name "<full name>"] [--role operator|lead] [--stations <id,id…>] [--language en|es]
  disable-person <badge> | enable-person <badge>  a disabled person cannot sign in at any tablet
The password or PIN is asked for twice (or read from the first line of stdin); --generate makes
and prints one. A PIN is ${MIN_PIN_LENGTH}-${MAX_PIN_LENGTH} digits, not one digit repeated nor a run like 1234.
Roles: ${OfficeRole.options.join(', ')}; floor: ${FloorRole.options.join(', ')}.
Works on DATABASE_URL's PostgreSQL database when it is set, otherwise on DATA_DIR's SQLite file
(default ./data). Tablets pick a change up at their next sync.`;

/** The store the server uses: DATABASE_URL's PostgreSQL database, else DATA_DIR's SQLite file (never created here). */
async function openStore(): Promise<Store> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const protocol = new URL(url).protocol;
    if (protocol !== 'postgres:' && protocol !== 'postgresql:')
      throw new CliError(`DATABASE_URL must be a postgres:// URL (got ${protocol}); unset it to use DATA_DIR.`);
    return createPostgresStore({ url });
  }
  const file = join(process.env.DATA_DIR || './data', 'floorboard.sqlite');
  if (!existsSync(file)) throw new CliError(`no database at ${file}: start the server once (npm start), or set DATA_DIR.`);
  return createSqliteStore({ file });
}

class CliError extends Error {}

/** Asks twice without echo on a terminal; otherwise takes the first line of stdin. */
async function readSecret(what = 'password'): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    throw new CliError(`no ${what} on stdin (or use --generate)`);
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
  const first = await ask(`new ${what}: `);
  if ((await ask('again: ')) !== first) throw new CliError(`the two ${what}s differ; nothing was changed`);
  return first;
}

async function newPassword(generate: boolean | undefined): Promise<{ password: string; shown: boolean }> {
  return generate ? { password: generatePassword(), shown: true } : { password: await readSecret(), shown: false };
}

/** Six random digits the PIN rules accept: two more than the keypad's minimum, still easy to tell. */
function generatePin(): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!pinProblem(pin)) return pin;
  }
}

async function newPin(generate: boolean | undefined): Promise<{ pin: string; shown: boolean }> {
  return generate ? { pin: generatePin(), shown: true } : { pin: (await readSecret('PIN')).trim(), shown: false };
}

async function personId(store: Store, badge: string): Promise<User> {
  const user = await findByBadge(store, badge);
  if (!user) throw new CliError(`no one has the badge ${badge}`);
  return user;
}

const stationList = (s: string | undefined) =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

function parsed<T>(r: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  if (r.success) return r.data;
  throw new CliError(`${r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n')}\n\n${USAGE}`);
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
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      badge: { type: 'string' },
      stations: { type: 'string' },
      language: { type: 'string' },
      generate: { type: 'boolean' },
      'no-pin': { type: 'boolean' },
    },
  });
  const [command, username] = positionals;
  if (!command || (command !== 'list' && command !== 'people' && !username)) throw new CliError(USAGE);
  const actor: UserActor = { actorId: `cli:${userInfo().username}`, deviceId: 'cli' };
  const store = await openStore();
  try {
    if (command === 'list') {
      for (const u of await listUsers(store)) {
        console.log(`${u.username.padEnd(20)} ${u.role.padEnd(12)} ${u.active ? 'active  ' : 'disabled'}  ${u.name}`);
      }
    } else if (command === 'add') {
      const { password, shown } = await newPassword(values.generate);
      const body = parsed(
        CreateUserRequest.safeParse({ username, name: values.name, role: values.role, badge: values.badge, language: values.language, password }),
      );
      const u = await createUser(store, systemClock, actor, body);
      console.log(`added ${u.username} (${u.role}, ${u.name})${shown ? `; password: ${password}` : ''}`);
    } else if (command === 'passwd') {
      const id = await accountId(store, username!);
      const { password, shown } = await newPassword(values.generate);
      await setPassword(store, systemClock, actor, id, password);
      console.log(`new password set for ${username}; their sessions ended${shown ? `. Password: ${password}` : ''}`);
    } else if (command === 'edit') {
      const body = parsed(UpdateUserRequest.safeParse({ language: values.language }));
      const u = await updateUser(store, systemClock, actor, await accountId(store, username!), body);
      console.log(`${u.username} (${u.name}) sees the console in ${u.language}`);
    } else if (command === 'people') {
      for (const p of await listPeople(store)) {
        const state = `${p.active ? 'active  ' : 'disabled'} ${p.hasPin ? 'PIN set' : 'no PIN '}`;
        console.log(`${p.badge.padEnd(12)} ${p.role.padEnd(9)} ${state}  ${p.name.padEnd(24)} ${p.stationIds.join(',')}`);
      }
    } else if (command === 'add-person') {
      const body = parsed(
        CreatePersonRequest.safeParse({
          badge: username,
          name: values.name,
          role: values.role,
          stationIds: stationList(values.stations) ?? [],
          language: values.language,
        }),
      );
      const secret = values['no-pin'] ? undefined : await newPin(values.generate);
      const { person } = await createPerson(store, systemClock, actor, { ...body, ...(secret ? { pin: secret.pin } : {}) });
      const pinNote = secret ? (secret.shown ? `; PIN: ${secret.pin} (tell them, then forget it)` : '; PIN set') : '; no PIN yet (npm run users -- pin)';
      console.log(`added ${person.name} (${person.role}, badge ${person.badge}, ${person.stationIds.join(', ')})${pinNote}`);
    } else if (command === 'pin') {
      const user = await personId(store, username!);
      const { pin, shown } = await newPin(values.generate);
      await setPin(store, systemClock, actor, user.id, pin);
      console.log(`new PIN set for ${user.name} (badge ${user.badge}); the old one no longer works${shown ? `. PIN: ${pin}` : ''}`);
    } else if (command === 'edit-person') {
      const user = await personId(store, username!);
      const body = parsed(
        UpdatePersonRequest.safeParse({ name: values.name, role: values.role, stationIds: stationList(values.stations), language: values.language }),
      );
      const { person } = await updatePerson(store, systemClock, actor, user.id, body);
      console.log(`${person.name} (${person.role}, badge ${person.badge}) works at ${person.stationIds.join(', ')}`);
    } else if (command === 'disable-person' || command === 'enable-person') {
      const user = await personId(store, username!);
      await setPersonActive(store, systemClock, actor, user.id, command === 'enable-person');
      console.log(`${user.name} (badge ${user.badge}) ${command === 'enable-person' ? 'may sign in again' : 'is disabled on every tablet at its next sync'}`);
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
