/** The console's non-sync HTTP calls (A1, A3, A4): session, devices, users, audit. Failures are values. */
import type { ConsoleUser, CreateUserRequest } from '../../shared/protocol';

export type ApiResult<T> =
  | { ok: true; value: T }
  /** `retryAt`: with a lock (`sign-in-locked`), when the next attempt may come. */
  | { ok: false; code: string; message: string; status: number; retryAt?: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, code: 'offline', message: 'the server cannot be reached', status: 0 };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    return {
      ok: false,
      code: typeof json?.code === 'string' ? json.code : `http-${res.status}`,
      message: typeof json?.message === 'string' ? json.message : res.statusText,
      status: res.status,
      ...(typeof json?.retryAt === 'string' ? { retryAt: json.retryAt } : {}),
    };
  }
  return { ok: true, value: json as T };
}

export interface SessionUser {
  id: string;
  name: string;
  role: string;
  username?: string;
}

export interface DeviceRow {
  id: string;
  name: string;
  stationIds: string[];
  revoked: boolean;
  enrolledAt: string | null;
  enrollmentCode?: string | null;
  expiresAt?: string | null;
  createdAt?: string;
}

/** What `GET /api/audit/verify` answers (server/audit/verify.ts AuditReport), as the console reads it. */
export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
  head: { seq: number; hash: string; at: string | null };
  headCheck?: { ok: boolean; expected: { seq: number; hash: string }; problem?: 'truncated' | 'rewritten'; reason?: string };
  state?: { ok: boolean; records: number; findings: { entity: string; id: string; problem: string; seq?: number }[]; more: number };
}

export const consoleApi = {
  session: () => call<{ user: SessionUser }>('GET', '/api/session'),
  signIn: (username: string, password: string) => call<{ user: SessionUser }>('POST', '/api/session', { username, password }),
  signOut: () => call<void>('DELETE', '/api/session'),
  devices: () => call<{ devices: DeviceRow[] }>('GET', '/api/devices'),
  createDevice: (name: string, stationIds: string[]) =>
    call<{ deviceId: string; enrollmentCode: string; expiresAt: string }>('POST', '/api/devices', { name, stationIds }),
  revokeDevice: (id: string) => call<void>('DELETE', `/api/devices/${encodeURIComponent(id)}`),
  users: () => call<{ users: ConsoleUser[] }>('GET', '/api/users'),
  createUser: (body: CreateUserRequest) => call<{ user: ConsoleUser }>('POST', '/api/users', body),
  setPassword: (id: string, password: string, oldPassword?: string) =>
    call<void>('PUT', `/api/users/${encodeURIComponent(id)}/password`, { password, oldPassword }),
  setUserActive: (id: string, active: boolean) => call<void>('POST', `/api/users/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`),
  verifyAudit: (head?: string) =>
    call<AuditVerifyReport>('GET', `/api/audit/verify${head ? `?head=${encodeURIComponent(head)}` : ''}`),
};
