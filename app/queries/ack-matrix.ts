import { mustAcknowledge } from '../../shared/domain/retention';
import type { Acknowledgement, ScheduleChange, Station, User } from '../../shared/schema';

type StationRef = Station | { id: string; name: string };

/** One person a change must reach: the target stations they work at, and their acknowledgement. */
export interface AckRow {
  user: User;
  stations: StationRef[];
  ack: Acknowledgement | undefined;
}

export interface AckMatrix {
  change: ScheduleChange;
  /** One row a person, by name; as many rows as the count says. */
  rows: AckRow[];
  /** Target stations nobody works at: the change reaches no one there. */
  unstaffed: StationRef[];
  acknowledged: number;
  total: number;
}

/**
 * Operators and leads who work at a station: the people a change to it must reach. The same rule
 * decides when a change may leave a replica (shared/domain/retention.ts), so what the matrix shows
 * as missing is never pruned.
 */
export function operatorsOf(stationId: string, users: readonly User[]): User[] {
  return mustAcknowledge({ stationIds: [stationId] }, users).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * For a change that requires acknowledgement: each person who works at one of its target stations,
 * once, with those stations listed and the acknowledgement (id `${changeId}:${userId}`) when there
 * is one. The rows are what the totals count.
 */
export function ackMatrix(change: ScheduleChange, stations: readonly Station[], users: readonly User[], acks: readonly Acknowledgement[]): AckMatrix {
  const byId = new Map(acks.filter((a) => a.changeId === change.id).map((a) => [a.userId, a]));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const people = new Map<string, AckRow>();
  const unstaffed: StationRef[] = [];
  for (const sid of change.stationIds) {
    const station = stationById.get(sid) ?? { id: sid, name: sid };
    const here = operatorsOf(sid, users);
    if (here.length === 0) unstaffed.push(station);
    for (const user of here) {
      const row = people.get(user.id) ?? { user, stations: [], ack: byId.get(user.id) };
      row.stations.push(station);
      people.set(user.id, row);
    }
  }
  const rows = [...people.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
  return { change, rows, unstaffed, acknowledged: rows.filter((r) => r.ack).length, total: rows.length };
}

/** Changes that still wait for this person's acknowledgement at one of these stations. */
export function pendingAcksFor(
  userId: string,
  stationIds: readonly string[],
  changes: readonly ScheduleChange[],
  acks: readonly Acknowledgement[],
): ScheduleChange[] {
  const done = new Set(acks.map((a) => a.id));
  return changes
    .filter((c) => c.requiresAck && c.stationIds.some((s) => stationIds.includes(s)) && !done.has(`${c.id}:${userId}`))
    .sort((a, b) => b.postedAt.localeCompare(a.postedAt));
}
