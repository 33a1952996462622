import type { z } from 'zod';
import type { MutationContext, MutationResultValue, Tx } from '../tx';
import { rejected } from '../tx';
import { acknowledgeChange, addNote, postScheduleChange } from './communication';
import { correctQuantity, undoLast } from './corrections';
import type { Mutator } from './define';
import { createDocument, releaseDocument } from './documents';
import { releaseTraveler } from './travelers';
import { placeHold, releaseHold, resolveConflict } from './holds';
import { completeOperation, pauseOperation, reportQuantity, startOperation } from './operations';
import { editWorkOrder } from './work-orders';

export { openHoldOn } from './operations';
export { coverBarcode, releasedTraveler } from './travelers';
export type { Mutator } from './define';

/** The mutation catalogue: every named intent a client may push (DESIGN §4). */
export const MUTATORS = {
  startOperation,
  pauseOperation,
  completeOperation,
  reportQuantity,
  correctQuantity,
  undoLast,
  acknowledgeChange,
  addNote,
  postScheduleChange,
  placeHold,
  releaseHold,
  resolveConflict,
  editWorkOrder,
  createDocument,
  releaseDocument,
  releaseTraveler,
} as const;

export type MutationName = keyof typeof MUTATORS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATORS)[N]['args']>;
/**
 * What a caller passes for `N`: the schema's input, before its defaults and trims apply (the parse
 * on both sides produces {@link MutationArgs}).
 */
export type MutationInput<N extends MutationName> = z.input<(typeof MUTATORS)[N]['args']>;
/** One call as data, a name with its own arguments: a union over the catalogue, for lists of calls. */
export type MutationCall = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATORS, name);
}

/**
 * Validates and applies one mutation: the same code on the tablet (optimistic) and on the server
 * (authoritative). Unknown names, bad arguments and roles are rejections, never exceptions (S5).
 */
export async function applyMutation(tx: Tx, name: string, args: unknown, ctx: MutationContext): Promise<MutationResultValue> {
  return applyParsedMutation(tx, name, parseMutationArgs(name, args), ctx);
}

/** The args check of {@link applyMutation} alone: undefined for an unknown name. */
export function parseMutationArgs(name: string, args: unknown): z.ZodSafeParseResult<unknown> | undefined {
  return isMutationName(name) ? (MUTATORS[name] as Mutator).args.safeParse(args) : undefined;
}

/**
 * {@link applyMutation} with the args already checked by {@link parseMutationArgs} (the server keeps
 * the parsed args for its records, so it parses once).
 */
export async function applyParsedMutation(
  tx: Tx,
  name: string,
  parsed: z.ZodSafeParseResult<unknown> | undefined,
  ctx: MutationContext,
): Promise<MutationResultValue> {
  if (!parsed || !isMutationName(name)) return rejected('unknown-mutation', `unknown mutation ${name}`);
  const mutator = MUTATORS[name] as Mutator;
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    return rejected('invalid-args', `${first?.message ?? 'invalid arguments'}${where}`);
  }
  if (!mutator.roles.includes(ctx.actor.role)) {
    return rejected('role-not-allowed', `a ${ctx.actor.role} may not ${name}`);
  }
  return mutator.apply(tx, parsed.data, ctx);
}

/** One line in words for feeds and outbox lists; never throws on bad arguments. */
export function describeMutation(name: string, args: unknown): string {
  if (!isMutationName(name)) return name;
  const mutator = MUTATORS[name] as Mutator;
  const parsed = mutator.args.safeParse(args);
  return parsed.success ? mutator.describe(parsed.data) : name;
}
