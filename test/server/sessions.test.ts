import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth/crypto';
import { purgeExpiredSessions, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS } from '../../server/auth/session-expiry';
import { makeHarness, type Harness } from './harness';

const MINUTE = 60_000;
const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!);

describe('console sessions expire (A3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({ seed: false });
  });
  afterEach(() => h.close());

  const me = (cookie: string) => h.req('/api/session', { cookie });

  it('[A3] the limits are an idle limit shorter than the absolute one, touched at most once a minute', () => {
    expect(SESSION_IDLE_MS).toBeLessThan(SESSION_ABSOLUTE_MS);
    expect(SESSION_TOUCH_MS).toBe(MINUTE);
  });

  it('[A3] a session unused for longer than the idle limit is refused', async () => {
    const cookie = await h.signIn();
    h.clock.advance(SESSION_IDLE_MS + MINUTE);
    expect((await me(cookie)).status).toBe(401);
  });

  it('[A3] each use moves the idle clock, so a session in use outlives the idle limit', async () => {
    const cookie = await h.signIn();
    for (let i = 0; i < 3; i++) {
      h.clock.advance(SESSION_IDLE_MS - MINUTE);
      expect((await me(cookie)).status).toBe(200);
    }
  });

  it('[A3] the absolute limit ends a session however busy it is', async () => {
    const cookie = await h.signIn();
    const step = SESSION_IDLE_MS / 2;
    for (let t = step; t < SESSION_ABSOLUTE_MS; t += step) {
      h.clock.set(h.clock.now() + step);
      expect((await me(cookie)).status).toBe(200);
    }
    h.clock.advance(step);
    expect((await me(cookie)).status).toBe(401);
  });

  it('[A3] the idle clock is written at most once a minute, not on every request', async () => {
    const cookie = await h.signIn();
    const hash = sha256(tokenOf(cookie));
    const signedInAt = (await h.store.getSession(hash))!.lastUsedAt;
    h.clock.advance(20_000);
    await me(cookie);
    h.clock.advance(20_000);
    await me(cookie);
    expect((await h.store.getSession(hash))!.lastUsedAt).toBe(signedInAt);
    h.clock.advance(SESSION_TOUCH_MS);
    await me(cookie);
    expect((await h.store.getSession(hash))!.lastUsedAt).toBe(h.clock.now());
  });

  it('[A3] a sign-in purges the sessions that expired', async () => {
    const old = sha256(tokenOf(await h.signIn()));
    h.clock.advance(SESSION_IDLE_MS + MINUTE);
    expect(await h.store.getSession(old)).toBeDefined();
    await h.signIn();
    expect(await h.store.getSession(old)).toBeUndefined();
  });

  it('[A3] purgeExpiredSessions drops idle and over-age sessions and keeps live ones', async () => {
    const now = h.clock.now();
    await h.store.transaction(async (tx) => {
      await tx.insertSession({ tokenHash: 'idle', userId: 'u-coordinator', expiresAt: now + 60 * MINUTE, lastUsedAt: now - SESSION_IDLE_MS });
      await tx.insertSession({ tokenHash: 'over-age', userId: 'u-coordinator', expiresAt: now, lastUsedAt: now - MINUTE });
      await tx.insertSession({ tokenHash: 'live', userId: 'u-coordinator', expiresAt: now + MINUTE, lastUsedAt: now - SESSION_IDLE_MS + MINUTE });
    });
    expect(await purgeExpiredSessions(h.store, h.clock)).toBe(2);
    expect(await h.store.getSession('idle')).toBeUndefined();
    expect(await h.store.getSession('over-age')).toBeUndefined();
    expect(await h.store.getSession('live')).toBeDefined();
    expect(await purgeExpiredSessions(h.store, h.clock)).toBe(0);
  });

  it('[A3] signing out ends the session at once', async () => {
    const cookie = await h.signIn();
    expect((await h.req('/api/session', { method: 'DELETE', cookie })).status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
    expect(await h.store.getSession(sha256(tokenOf(cookie)))).toBeUndefined();
  });
});
