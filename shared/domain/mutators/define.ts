import type { z } from 'zod';
import type { Role } from '../../schema';
import type { MutationContext, MutationResultValue, OtherSide, Tx } from '../tx';

/** One entry of the mutation catalogue (DESIGN §4): its args schema, who may call it, and `apply`. */
export interface Mutator<A extends z.ZodType = z.ZodType> {
  args: A;
  roles: readonly Role[];
  /** One line for the coordinator's feed, from the arguments. */
  describe(args: z.infer<A>): string;
  apply(tx: Tx, args: z.infer<A>, ctx: MutationContext): Promise<MutationResultValue>;
}

export const defineMutator = <A extends z.ZodType>(m: Mutator<A>): Mutator<A> => m;

export const FLOOR: readonly Role[] = ['operator', 'lead', 'coordinator', 'admin'];
export const LEADS: readonly Role[] = ['lead', 'coordinator', 'admin'];
export const OFFICE: readonly Role[] = ['coordinator', 'admin'];

export function conflict(
  code: string,
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
