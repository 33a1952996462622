import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { BenchServer } from './server';

export interface NodeDevice {
  deviceId: string;
  token: string;
  clientId: string;
  stationId: string;
}

/** Enrolls a device for one station from Node (A1), as a tablet would, and names its client. */
export async function enrollNodeDevice(srv: BenchServer, name: string, stationId: string): Promise<NodeDevice> {
  const code = await srv.enrollmentCode(name, [stationId]);
  const res = await fetch(`${srv.url}/api/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!res.ok) throw new Error(`enroll ${res.status} ${await res.text()}`);
  const d = (await res.json()) as { deviceId: string; token: string };
  return { deviceId: d.deviceId, token: d.token, clientId: `bench-${d.deviceId}`.slice(0, 64), stationId };
}

/** Operation ids at a station, read by a pull of the device's scope (a throwaway clientId). */
export async function pullOperationIds(srv: BenchServer, dev: NodeDevice): Promise<string[]> {
  const ids: string[] = [];
  let cursor = 0;
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(`${srv.url}/api/sync/pull?clientId=bench-ops-${dev.deviceId}&cursor=${cursor}`.slice(0, 2000), {
      headers: { authorization: `Bearer ${dev.token}` },
    });
    const body = (await res.json()) as { cursor: number; more: boolean; changes: { entity: string; id: string; value: { stationId?: string } }[] };
    for (const c of body.changes) if (c.entity === 'operations' && c.value?.stationId === dev.stationId) ids.push(c.id);
    cursor = body.cursor;
    if (!body.more) break;
  }
  return ids.sort();
}

/** Body of one push of these mutations. */
export const pushBody = (clientId: string, mutations: unknown[]): string => JSON.stringify({ protocol: PROTOCOL_VERSION, clientId, mutations });
