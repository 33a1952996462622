import type { FloorboardDB } from '../db';
import { readMeta } from '../db';
import type { Accessor } from 'solid-js';
import type { Note, ReasonCode, ScheduleChange, Station, User, Acknowledgement } from '../../shared/schema';
import { createLive, createLiveList, createLiveListEmissions, type LiveList } from './live';
import { buildQueue, RECENTLY_COMPLETED_MS, type QueueItem } from './queue';
import { pendingAcksFor } from './ack-matrix';

export interface DeviceInfo {
  deviceId: string;
  deviceName: string;
  stationIds: string[];
}

/** The enrolled device from meta, or null when this tablet is not enrolled. */
export async function readDevice(db: FloorboardDB): Promise<DeviceInfo | null> {
  const m = await readMeta(db);
  if (!m.deviceId || !m.token) return null;
  return { deviceId: m.deviceId, deviceName: m.deviceName ?? m.deviceId, stationIds: m.stationIds ?? [] };
}

export function useDevice(db: Accessor<FloorboardDB | undefined>): Accessor<DeviceInfo | null | undefined> {
  return createLive(db, (d) => readDevice(d), undefined as DeviceInfo | null | undefined);
}

export function useStations(db: Accessor<FloorboardDB | undefined>): Accessor<Station[]> {
  return createLive(db, async (d) => (await d.entity('stations').toArray()).sort((a, b) => a.name.localeCompare(b.name)), [] as Station[]);
}

export function useUsers(db: Accessor<FloorboardDB | undefined>): Accessor<User[]> {
  return createLive(db, (d) => d.entity('users').toArray(), [] as User[]);
}

/** The live-query key of station screens: nothing until both the database and the station are known. */
function withStation(db: Accessor<FloorboardDB | undefined>, stationId: Accessor<string | undefined>) {
  const d = db();
  const s = stationId();
  return d && s ? { d, s } : undefined;
}

/** The station's queue in priority order, with each operation's work order and blocking hold. */
export function useQueue(db: Accessor<FloorboardDB | undefined>, stationId: Accessor<string | undefined>): LiveList<QueueItem> {
  return createLiveListEmissions(
    () => withStation(db, stationId),
    async ({ d, s }) => {
      const ops = await d.entity('operations').where('stationId').equals(s).toArray();
      const woIds = [...new Set(ops.map((o) => o.workOrderId))];
      const [wos, holds] = await Promise.all([d.entity('workOrders').bulkGet(woIds), d.entity('holds').where('workOrderId').anyOf(woIds).toArray()]);
      const now = Date.now();
      return buildQueue(
        s,
        ops,
        wos.filter((w) => w !== undefined),
        holds,
        now - RECENTLY_COMPLETED_MS,
        now,
      );
    },
  );
}

export function useScrapReasons(db: Accessor<FloorboardDB | undefined>): Accessor<ReasonCode[]> {
  return createLive(
    db,
    // A retired reason is offered no more; reports already made with it keep it.
    async (d) =>
      (await d.entity('reasonCodes').where('kind').equals('scrap').toArray()).filter((r) => !r.retired).sort((a, b) => a.label.localeCompare(b.label)),
    [] as ReasonCode[],
  );
}

/** Schedule changes for these stations that this person has not acknowledged yet. */
export function usePendingChanges(
  db: Accessor<FloorboardDB | undefined>,
  userId: Accessor<string | undefined>,
  stationIds: Accessor<string[]>,
): Accessor<ScheduleChange[]> {
  return createLiveList(
    () => {
      const d = db();
      const u = userId();
      return d && u ? { d, u, s: stationIds() } : undefined;
    },
    async ({ d, u, s }) => {
      const [changes, acks] = await Promise.all([
        d.entity('scheduleChanges').toArray(),
        d.entity('acknowledgements').where('userId').equals(u).toArray() as Promise<Acknowledgement[]>,
      ]);
      return pendingAcksFor(u, s, changes, acks);
    },
  );
}

/** The station's most recent notes, newest first. */
export function useNotes(db: Accessor<FloorboardDB | undefined>, stationId: Accessor<string | undefined>, limit = 20): Accessor<Note[]> {
  return createLiveList(
    () => withStation(db, stationId),
    async ({ d, s }) => {
      const notes = await d.entity('notes').where('stationId').equals(s).toArray();
      return notes.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
    },
  );
}
