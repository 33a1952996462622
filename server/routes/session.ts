import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../../shared/domain/clock';
import { SessionRequest, type SessionResponse } from '../../shared/protocol';
import type { User } from '../../shared/schema';
import { authenticate, type AuthEnv } from '../auth/middleware';
import { SESSION_COOKIE, signIn, signOut } from '../auth/session';
import { unauthorized } from '../errors';
import type { Store } from '../store/types';
import { clientAddress } from '../middleware/proxy';
import { readBody } from './body';

/** `/api/session`: console sign-in with an HttpOnly, SameSite=Strict cookie (A3), limited per address and account (X2). */
export function sessionRoutes(store: Store, clock: Clock, http: { trustProxy: number }) {
  const r = new Hono<AuthEnv>();
  r.post('/', async (c) => {
    const { username, password } = await readBody(c, SessionRequest);
    const s = await signIn(store, clock, username, password, clientAddress(c, http.trustProxy));
    setCookie(c, SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      // Secure whenever the browser reached us over TLS, also through a TLS-terminating proxy.
      secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
      maxAge: s.maxAgeSeconds,
    });
    return c.json({ user: s.user } satisfies SessionResponse);
  });
  r.get('/', authenticate(store, clock), async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'console') throw unauthorized('no console session');
    const rec = await store.getRecord('users', p.userId);
    const u = rec ? (JSON.parse(rec.value) as Pick<User, 'id' | 'name' | 'role' | 'language'>) : undefined;
    const language = u?.language ? { language: u.language } : {};
    return c.json({ user: { id: p.userId, name: u?.name ?? p.userId, role: p.role, ...language } } satisfies SessionResponse);
  });
  r.delete('/', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(store, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  return r;
}
