import type { z } from 'zod';
import {
  AuditVerifyResponse,
  CreateDeviceResponse,
  CreateUserResponse,
  DeviceListResponse,
  DepartmentResponse,
  PersonListResponse,
  PersonResponse,
  PlantResponse,
  PlantSettingsResponse,
  ReasonResponse,
  ShiftResponse,
  StationResponse,
  type CreateReasonRequest,
  type CreateShiftRequest,
  type CreateStationRequest,
  type UpdateShiftRequest,
  type UpdateStationRequest,
  SessionResponse,
  UserListResponse,
  type CreatePersonRequest,
  type CreateUserRequest,
  type UpdatePersonRequest,
  type UpdateUserRequest,
  type PublicDevice,
  type SessionUser,
} from '../../shared/protocol';
import { t } from '../i18n';

/** The console's non-sync HTTP calls (A1, A2, A3, A4): session, devices, users, floor people, plant setup, audit. Failures are values. */
export type ApiResult<T> =
  | { ok: true; value: T }
  /** `retryAt`: with a lock (`sign-in-locked`), when the next attempt may come. */
  | { ok: false; code: string; message: string; status: number; retryAt?: string };

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
    return { ok: false, code: 'offline', message: t('console.api.offline'), status: 0 };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (json ?? {}) as { code?: unknown; message?: unknown; retryAt?: unknown };
    return {
      ok: false,
      code: typeof e.code === 'string' ? e.code : `http-${res.status}`,
      message: typeof e.message === 'string' ? e.message : res.statusText,
      status: res.status,
      ...(typeof e.retryAt === 'string' ? { retryAt: e.retryAt } : {}),
    };
  }
  if (schema === null) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'invalid-response', message: t('console.api.unexpected'), status: res.status };
  return { ok: true, value: parsed.data };
}

/** What `GET /api/audit/verify` answers (server/audit/verify.ts), as the console reads it. */
export type AuditVerifyReport = z.infer<typeof AuditVerifyResponse>;

export const consoleApi = {
  session: () => call('GET', '/api/session', SessionResponse),
  signIn: (username: string, password: string) => call('POST', '/api/session', SessionResponse, { username, password }),
  signOut: () => call<void>('DELETE', '/api/session', null),
  devices: () => call('GET', '/api/devices', DeviceListResponse),
  createDevice: (name: string, stationIds: string[]) => call('POST', '/api/devices', CreateDeviceResponse, { name, stationIds }),
  /** A fresh enrollment code for a device no tablet has enrolled as yet; the old code stops working. */
  reissueCode: (id: string) => call('POST', `/api/devices/${encodeURIComponent(id)}/code`, CreateDeviceResponse, {}),
  revokeDevice: (id: string) => call<void>('DELETE', `/api/devices/${encodeURIComponent(id)}`, null),
  users: () => call('GET', '/api/users', UserListResponse),
  createUser: (body: CreateUserRequest) => call('POST', '/api/users', CreateUserResponse, body),
  updateUser: (id: string, body: UpdateUserRequest) => call('PATCH', `/api/users/${encodeURIComponent(id)}`, CreateUserResponse, body),
  setPassword: (id: string, password: string, oldPassword?: string) =>
    call<void>('PUT', `/api/users/${encodeURIComponent(id)}/password`, null, { password, oldPassword }),
  setUserActive: (id: string, active: boolean) => call<void>('POST', `/api/users/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, null),
  people: () => call('GET', '/api/people', PersonListResponse),
  createPerson: (body: CreatePersonRequest) => call('POST', '/api/people', PersonResponse, body),
  updatePerson: (id: string, body: UpdatePersonRequest) => call('PATCH', `/api/people/${encodeURIComponent(id)}`, PersonResponse, body),
  setPin: (id: string, pin: string) => call<void>('PUT', `/api/people/${encodeURIComponent(id)}/pin`, null, { pin }),
  setPersonActive: (id: string, active: boolean) => call<void>('POST', `/api/people/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, null),
  plant: () => call('GET', '/api/plant', PlantResponse),
  createDepartment: (name: string) => call('POST', '/api/plant/departments', DepartmentResponse, { name }),
  renameDepartment: (id: string, name: string) => call('PATCH', `/api/plant/departments/${encodeURIComponent(id)}`, DepartmentResponse, { name }),
  createStation: (body: CreateStationRequest) => call('POST', '/api/plant/stations', StationResponse, body),
  updateStation: (id: string, body: UpdateStationRequest) => call('PATCH', `/api/plant/stations/${encodeURIComponent(id)}`, StationResponse, body),
  retireStation: (id: string) => call('POST', `/api/plant/stations/${encodeURIComponent(id)}/retire`, StationResponse),
  restoreStation: (id: string) => call('POST', `/api/plant/stations/${encodeURIComponent(id)}/restore`, StationResponse),
  createReason: (body: CreateReasonRequest) => call('POST', '/api/plant/reasons', ReasonResponse, body),
  relabelReason: (id: string, label: string) => call('PATCH', `/api/plant/reasons/${encodeURIComponent(id)}`, ReasonResponse, { label }),
  retireReason: (id: string) => call('POST', `/api/plant/reasons/${encodeURIComponent(id)}/retire`, ReasonResponse),
  restoreReason: (id: string) => call('POST', `/api/plant/reasons/${encodeURIComponent(id)}/restore`, ReasonResponse),
  createShift: (body: CreateShiftRequest) => call('POST', '/api/plant/shifts', ShiftResponse, body),
  updateShift: (id: string, body: UpdateShiftRequest) => call('PATCH', `/api/plant/shifts/${encodeURIComponent(id)}`, ShiftResponse, body),
  removeShift: (id: string) => call<void>('DELETE', `/api/plant/shifts/${encodeURIComponent(id)}`, null),
  plantSettings: () => call('GET', '/api/plant/settings', PlantSettingsResponse),
  updatePlantSettings: (idleSignOutMinutes: number) => call('PUT', '/api/plant/settings', PlantSettingsResponse, { idleSignOutMinutes }),
  verifyAudit: (head?: string) => call('GET', `/api/audit/verify${head ? `?head=${encodeURIComponent(head)}` : ''}`, AuditVerifyResponse),
};
