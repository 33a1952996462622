import type { z } from 'zod';
import type { ConflictCode } from '../../codes';
import type { Role } from '../../schema';
import { rejected, type MutationContext, type MutationResultValue, type OtherSide, type Tx } from '../tx';

/** One entry of the mutation catalogue (DESIGN §4): its args schema, who may call it, and `apply`. */
export interface Mutator<A extends z.ZodType = z.ZodType> {
  args: A;
  roles: readonly Role[];
  /** One line for the coordinator's feed, from the arguments. */
  describe(args: z.infer<A>): string;
  apply(tx: Tx, args: z.infer<A>, ctx: MutationContext): Promise<MutationResultValue>;
}

export const defineMutator = <A extends z.ZodType>(m: Mutator<A>): Mutator<A> => m;

// Who may call what (DESIGN §4); where they may is `mayActAt*` inside each `apply`. The auditor is
// in none of these: it reads everything and changes nothing (X3).
/** Everyone who works: acknowledgements and notes. */
export const PEOPLE: readonly Role[] = [
  'operator',
  'lead',
  'supervisor',
  'coordinator',
  'planner',
  'quality',
  'maintenance',
  'warehouse',
  'engineering',
  'admin',
];
/** Running operations and reporting quantities. */
export const FLOOR: readonly Role[] = ['operator', 'lead', 'supervisor', 'coordinator', 'admin'];
/** Placing and releasing holds (quality, material, engineering). */
export const LEADS: readonly Role[] = ['lead', 'supervisor', 'coordinator', 'quality', 'warehouse', 'engineering', 'admin'];
/** Publishing schedule changes and editing work orders. */
export const OFFICE: readonly Role[] = ['coordinator', 'planner', 'admin'];
/**
 * Controlled documents and travelers (T1, T2): the office roles that own drawings, instructions and
 * routings. Maintenance and warehouse read them; they do not release them.
 */
export const DOCUMENT_CONTROL: readonly Role[] = ['coordinator', 'planner', 'quality', 'engineering', 'admin'];
/** Resolving conflicts (C4). */
export const TRIAGE: readonly Role[] = ['supervisor', 'coordinator', 'admin'];

/**
 * Documents and travelers are released at the console, where the files are uploaded (T2); a tablet
 * shows them. A rejection to return, or undefined at the console.
 */
export function consoleOnly(ctx: MutationContext): MutationResultValue | undefined {
  return ctx.deviceStationIds === 'all' ? undefined : rejected('console-only', 'documents and travelers are released at the console');
}

export function conflict(
  code: ConflictCode,
  message: string,
  other: OtherSide | null,
  kept: Record<string, unknown>,
  stationIds: string[],
): MutationResultValue {
  return { outcome: 'conflict', code, message, other, kept, stationIds };
}

export function lastChange(name: string, ctx: MutationContext): OtherSide {
  return { mutation: name, actorId: ctx.actor.id, deviceId: ctx.deviceId, at: ctx.at };
}
