import { mustAcknowledge } from '../../shared/domain/retention';
import type { Acknowledgement, ScheduleChange, Station, User } from '../../shared/schema';

export interface AckCell {
  user: User;
  ack: Acknowledgement | undefined;
}

export interface AckRow {
  station: Station | { id: string; name: string };
  cells: AckCell[];
}

export interface AckMatrix {
  change: ScheduleChange;
  rows: AckRow[];
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
 * For a change that requires acknowledgement: its target stations × the operators of each, with
 * the acknowledgement (id `${changeId}:${userId}`) when there is one. A person at two target
 * stations appears under both but counts once in the totals.
 */
export function ackMatrix(change: ScheduleChange, stations: readonly Station[], users: readonly User[], acks: readonly Acknowledgement[]): AckMatrix {
  const byId = new Map(acks.filter((a) => a.changeId === change.id).map((a) => [a.userId, a]));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const people = new Map<string, boolean>();
  const rows = change.stationIds.map((sid) => {
    const cells = operatorsOf(sid, users).map((user) => {
      const ack = byId.get(user.id);
      people.set(user.id, Boolean(ack));
      return { user, ack };
    });
    return { station: stationById.get(sid) ?? { id: sid, name: sid }, cells };
  });
  const acknowledged = [...people.values()].filter(Boolean).length;
  return { change, rows, acknowledged, total: people.size };
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
