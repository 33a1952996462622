import type { z } from 'zod';
import {
  AuditVerifyResponse, CreateDeviceResponse, DeviceListResponse, SessionResponse, type PublicDevice, type SessionUser,
} from '../../shared/protocol';

/** The console's non-sync HTTP calls (A1, A4): session, devices, audit. Failures are values. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string; status: number };

export type { SessionUser };
export type DeviceRow = PublicDevice;

/** One call; a 2xx answer is parsed with its shared/protocol schema (STYLE habit 1), never cast. */
async function call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<ApiResult<T>> {
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
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (json ?? {}) as { code?: unknown; message?: unknown };
    return {
      ok: false,
      code: typeof e.code === 'string' ? e.code : `http-${res.status}`,
      message: typeof e.message === 'string' ? e.message : res.statusText,
      status: res.status,
    };
  }
  if (schema === null) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'invalid-response', message: 'the server answered something unexpected', status: res.status };
  return { ok: true, value: parsed.data };
}

export const consoleApi = {
  session: () => call('GET', '/api/session', SessionResponse),
  signIn: (username: string, password: string) => call('POST', '/api/session', SessionResponse, { username, password }),
  signOut: () => call<void>('DELETE', '/api/session', null),
  devices: () => call('GET', '/api/devices', DeviceListResponse),
  createDevice: (name: string, stationIds: string[]) => call('POST', '/api/devices', CreateDeviceResponse, { name, stationIds }),
  revokeDevice: (id: string) => call<void>('DELETE', `/api/devices/${encodeURIComponent(id)}`, null),
  verifyAudit: () => call('GET', '/api/audit/verify', AuditVerifyResponse),
};
