import type { Accessor } from 'solid-js';
import type { User } from '../../shared/schema';
import { roamsTablets } from '../../shared/domain/roles';
import type { FloorboardDB } from '../db';
import type { ProblemLike } from '../components/outcome-text';
import { createLive } from './live';

export interface Problem extends ProblemLike {
  id: string;
  actorId: string;
  resolved: boolean;
  resolution: string | null;
}

/**
 * Whose problems a person on a shared tablet sees (A2): an operator their own; a lead, supervisor
 * or office role everyone's, each with its person's name; nobody signed in, none.
 */
export function problemsFor<P extends { actorId: string }>(problems: P[], viewer: User | null | undefined): P[] {
  if (!viewer) return [];
  return roamsTablets(viewer.role) ? problems : problems.filter((p) => p.actorId === viewer.id);
}

/**
 * Rejected and conflicting changes of this device (S5, C4), newest first. With `viewer` (a tablet),
 * only those that person may see (problemsFor); without (the console), all of them.
 */
export function useProblems(
  db: Accessor<FloorboardDB | undefined>,
  deviceId: Accessor<string | undefined>,
  limit = 100,
  viewer?: Accessor<User | null | undefined>,
): Accessor<Problem[]> {
  return createLive(
    () => {
      const d = db();
      const id = deviceId();
      const v = viewer ? { who: viewer() } : undefined;
      return d && id ? { d, id, v } : undefined;
    },
    async ({ d, id, v }) => {
      const [rejections, conflicts] = await Promise.all([
        d
          .entity('rejections')
          .filter((r) => r.deviceId === id)
          .toArray(),
        d.entity('conflicts').where('deviceId').equals(id).toArray(),
      ]);
      // Name the job each one was about, from the local replica.
      const opIds = [...rejections, ...conflicts]
        .map((x) => (x.args as { operationId?: unknown } | null)?.operationId)
        .filter((x): x is string => typeof x === 'string');
      const ops = (await d.entity('operations').bulkGet([...new Set(opIds)])).filter((o) => o !== undefined);
      const wos = await d.entity('workOrders').bulkGet([...new Set(ops.map((o) => o.workOrderId))]);
      const woNumber = new Map(wos.filter((w) => w !== undefined).map((w) => [w.id, w.number]));
      const opName = new Map(ops.map((o) => [o.id, `${woNumber.get(o.workOrderId) ?? 'work order'} op ${o.seq}`]));
      const subjectOf = (args: unknown) => {
        const id = (args as { operationId?: unknown } | null)?.operationId;
        return typeof id === 'string' ? opName.get(id) : undefined;
      };
      const out: Problem[] = [
        ...rejections.map((r) => ({
          id: r.id,
          kind: 'rejected' as const,
          mutation: r.mutation,
          at: r.at,
          code: r.code,
          message: r.message,
          other: null,
          actorId: r.actorId,
          resolved: false,
          resolution: null,
          subject: subjectOf(r.args),
        })),
        ...conflicts.map((c) => ({
          id: c.id,
          kind: 'conflict' as const,
          mutation: c.mutation,
          at: c.at,
          code: c.code,
          message: c.message,
          other: c.other,
          actorId: c.actorId,
          resolved: c.status === 'resolved',
          resolution: c.resolution,
          subject: subjectOf(c.args),
        })),
      ];
      const seen = v ? problemsFor(out, v.who) : out;
      return seen.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
    },
    [] as Problem[],
  );
}
