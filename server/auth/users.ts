import { newId } from '../../shared/ids';
import type { Clock } from '../../shared/domain/clock';
import type { ConsoleUser, CreateUserRequest, UpdateUserRequest } from '../../shared/protocol';
import type { User } from '../../shared/schema';
import { HttpError, notFound } from '../errors';
import { audited, unchanged } from '../audit/office';
import type { Store } from '../store/types';
import { hashPassword, sha256, verifyPassword } from './crypto';
import { releaseAttempt, reserveAttempt, signInLimits } from './limits';
import { signInLocked } from './session';

export const MIN_PASSWORD_LENGTH = 12;

/** Who changes a user: a console user (deviceId `console`) or the `npm run users` command. */
export interface UserActor {
  actorId: string;
  deviceId: 'console' | 'cli';
  /** The session of a console user changing their own password: it survives the change. */
  sessionToken?: string;
  /** The caller's address, for the sign-in limits an old-password check counts under (X2). */
  address?: string;
}

/** The password rules (A3), as an error value: at least 12 characters, not the username. */
export function passwordProblem(password: string, username: string): 'password-too-short' | 'password-is-username' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password-too-short';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'password-is-username';
  return null;
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem === 'password-too-short') throw new HttpError(400, problem, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (problem) throw new HttpError(400, problem, 'a password may not be the username');
}

export const parseUser = (value: string) => JSON.parse(value) as User;

/** A user as the console lists it: the record's fields and the username, never a hash. */
function consoleUser(u: Omit<User, 'version' | 'updatedAt'>, username: string, active: boolean): ConsoleUser {
  return { id: u.id, username, name: u.name, role: u.role, badge: u.badge, active, ...(u.language ? { language: u.language } : {}) };
}

/** Every console user with their synced record's name, role and state; never a hash. */
export async function listUsers(store: Store): Promise<ConsoleUser[]> {
  const out: ConsoleUser[] = [];
  for (const { userId, username } of await store.listConsoleUsers()) {
    const r = await store.getRecord('users', userId);
    if (!r) continue;
    const u = parseUser(r.value);
    out.push(consoleUser(u, username, u.active && !r.deleted));
  }
  return out;
}

/** Creates an office user: the synced record (without the hash), the password and the audit link. */
export async function createUser(store: Store, clock: Clock, actor: UserActor, req: CreateUserRequest): Promise<ConsoleUser> {
  checkPassword(req.password, req.username);
  const passwordHash = await hashPassword(req.password);
  const language = req.language ? { language: req.language } : {};
  const user = { id: `u-${newId()}`, name: req.name, badge: req.badge ?? req.username, role: req.role, stationIds: [], pin: null, active: true, ...language };
  await store.transaction(async (tx) => {
    // Sign-in matches the username as typed, so `Pat` next to `pat` would be two accounts that
    // read as one: a username is taken in any case.
    const lower = req.username.toLowerCase();
    if ((await tx.listConsoleUsers()).some((u) => u.username.toLowerCase() === lower)) {
      throw new HttpError(409, 'username-taken', `the username ${req.username} is taken`);
    }
    const now = new Date(clock.now()).toISOString();
    await audited(
      tx,
      actor,
      now,
      'createUser',
      { userId: user.id, username: req.username, name: req.name, role: req.role, badge: user.badge, ...language },
      { before: null, after: user },
    );
    await tx.upsertConsoleUser({ userId: user.id, username: req.username, passwordHash });
  });
  return consoleUser(user, req.username, true);
}

/**
 * Changes a console user's record (L1: the language their console speaks), audited with the
 * before and after images as the floor people's edits are; the same values write nothing.
 */
export async function updateUser(store: Store, clock: Clock, actor: UserActor, userId: string, req: UpdateUserRequest): Promise<ConsoleUser> {
  return store.transaction(async (tx) => {
    const account = await tx.getConsoleUserById(userId);
    const r = await tx.getRecord('users', userId);
    if (!account || !r || r.deleted) throw notFound('no such console user');
    const before = parseUser(r.value);
    const { version: _v, updatedAt: _u, ...draft } = before;
    const after = { ...draft, language: req.language };
    if (!unchanged(before, after)) {
      await audited(tx, actor, new Date(clock.now()).toISOString(), 'updateUser', { userId, username: account.username, ...req }, { before, after });
    }
    return consoleUser(after, account.username, after.active);
  });
}

/**
 * X2: the old password is a password guess like a sign-in, so it is counted under the same
 * limits (address, account and both, auth/limits.ts) before the slow check.
 */
async function checkOldPassword(store: Store, clock: Clock, actor: UserActor, username: string, passwordHash: string, oldPassword: string | undefined) {
  const limits = signInLimits(actor.address ?? 'in-process', username);
  const reservedAt = clock.now();
  const retryAt = await store.transaction((tx) => reserveAttempt(tx, limits, reservedAt, signInLocked));
  if (oldPassword !== undefined && (await verifyPassword(oldPassword, passwordHash))) {
    await store.transaction((tx) => releaseAttempt(tx, limits, clock.now()));
    return;
  }
  if (retryAt > reservedAt) throw signInLocked(retryAt);
  throw new HttpError(403, 'old-password-wrong', 'the current password is wrong');
}

/**
 * Sets a password (A3). People changing their own give the old one, the coordinator too, so a
 * stolen session cannot lock its owner out. Every other session of the user ends.
 */
export async function setPassword(store: Store, clock: Clock, actor: UserActor, userId: string, password: string, oldPassword?: string) {
  const account = await store.getConsoleUserById(userId);
  if (!account) throw notFound('no such console user');
  const self = actor.deviceId === 'console' && actor.actorId === userId;
  if (self) await checkOldPassword(store, clock, actor, account.username, account.passwordHash, oldPassword);
  checkPassword(password, account.username);
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    await tx.upsertConsoleUser({ ...account, passwordHash });
    await tx.deleteUserSessions(userId, self && actor.sessionToken ? sha256(actor.sessionToken) : undefined);
    await audited(tx, actor, new Date(clock.now()).toISOString(), 'setPassword', { userId, username: account.username });
  });
}

/** Disables (or enables again) a console user: the record's `active`; disabling ends their sessions. */
export async function setUserActive(store: Store, clock: Clock, actor: UserActor, userId: string, active: boolean) {
  if (!active && actor.deviceId === 'console' && actor.actorId === userId) {
    throw new HttpError(409, 'cannot-disable-self', 'you cannot disable your own account');
  }
  await store.transaction(async (tx) => {
    const account = await tx.getConsoleUserById(userId);
    const r = await tx.getRecord('users', userId);
    if (!account || !r) throw notFound('no such console user');
    const before = parseUser(r.value);
    if (before.active === active) return;
    const { version: _v, updatedAt: _u, ...draft } = before;
    await audited(
      tx,
      actor,
      new Date(clock.now()).toISOString(),
      active ? 'enableUser' : 'disableUser',
      { userId, username: account.username },
      {
        before,
        after: { ...draft, active },
      },
    );
    if (!active) await tx.deleteUserSessions(userId);
  });
}
