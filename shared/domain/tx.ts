import type { ActBacking, Draft, EntityName, EntityOf, Role } from '../schema';
import type { ZoneOffset } from './retention';
import { isOfficeRole } from './roles';
import type { ConflictCode, RejectionCode } from '../codes';

/**
 * What a mutator reads and writes through, inside one transaction. Dexie on the tablet (DexieTx),
 * the store on the server (ServerTx) and the unit tests' MemoryTx implement it, so one `apply`
 * runs optimistically on one and authoritatively on the other. The contract, which all three pass
 * (test/unit/tx-contract.ts, one rule a test):
 *
 * - Reads see this transaction's own puts, as if they were stored already; they never see a record
 *   the store holds as deleted (until a put brings it back).
 * - Every record a read returns carries `version` and `updatedAt`, the stamps of the side that
 *   stores it (the server's change sequence and time; the tablet keeps the replica's server stamp,
 *   0 and '' for a record it made): never missing, never the stamps a put was handed.
 * - Reads return the caller's own copies: changing one changes nothing stored. A put takes the
 *   value over: the caller must not change it afterwards (ServerTx keeps it without copying).
 * - `put` takes a record that satisfies its entity's schema; anything else is a bug in the mutator.
 */
export interface Tx {
  /** The live record with this id, or undefined (also for a deleted one). */
  get<N extends EntityName>(entity: N, id: string): Promise<EntityOf<N> | undefined>;
  /**
   * The live records whose `REF_FIELD[entity]` is exactly `ref` (operations of a work order, …),
   * in ascending id order as `<` compares strings (UTF-16 code units, as IndexedDB does). A put
   * earlier in the transaction that moved a record into or out of `ref` counts. An entity without
   * a `REF_FIELD` is a bug in the caller: it throws.
   */
  byRef<N extends EntityName>(entity: N, ref: string): Promise<EntityOf<N>[]>;
  /** Writes a record (inserts or replaces); the implementation stamps `version` and `updatedAt`. */
  put<N extends EntityName>(entity: N, value: Draft<N>): Promise<void>;
}

export interface Actor {
  id: string;
  role: Role;
  stationIds: string[];
}

/** Who did it, where and when: carried into every `apply` (DESIGN §4). */
export interface MutationContext {
  actor: Actor;
  deviceId: string;
  /** The device's stations, or `all` for the coordinator console. */
  deviceStationIds: string[] | 'all';
  /** Device time of the mutation (S10). */
  at: string;
  /** Authoritative time of the side applying it: server time on the server. */
  now: string;
  /** The record version the user saw, for field edits (C3). */
  base?: number;
  /** What backs the actor (A3): the server's verdict; on a tablet, what it will send. */
  backing?: ActBacking;
  /** The change sequence this mutation commits at, where known (the server); field edits record it (C3). */
  seq?: number;
  /** The plant's zone, for the shift calendar's wall-clock times; the runtime's own zone when absent. */
  zone?: ZoneOffset;
}

/** What the conflict record says about the side whose state the server kept (C2). */
export interface OtherSide {
  mutation: string;
  actorId: string;
  deviceId: string;
  at: string;
}

/** Expected failures are values with kebab-case codes, never exceptions. */
/**
 * A conflict record an applied mutation raises besides its writes (T4: a start on a superseded
 * traveler revision still applies, and the coordinator and the station hear of it, C4). The server
 * writes it as the mutation's conflict record; a tablet applying optimistically ignores it.
 */
export interface RaisedConflict {
  code: ConflictCode;
  message: string;
  other: OtherSide | null;
  kept: Record<string, unknown>;
  stationIds: string[];
}

export type MutationResultValue =
  | { outcome: 'applied'; flags?: string[]; raised?: RaisedConflict }
  | { outcome: 'rejected'; code: string; message: string }
  | {
      outcome: 'conflict';
      code: string;
      message: string;
      other: OtherSide | null;
      kept: Record<string, unknown>;
      stationIds: string[];
    };

export const applied = (flags?: string[]): MutationResultValue => (flags?.length ? { outcome: 'applied', flags } : { outcome: 'applied' });

/** Applied, and raising a conflict record as well; its code is also one of the audit's flags. */
export const appliedRaising = (raised: RaisedConflict): MutationResultValue => ({ outcome: 'applied', flags: [raised.code], raised });

export const rejected = (code: RejectionCode, message: string): MutationResultValue => ({
  outcome: 'rejected',
  code,
  message,
});

/** A3 station scope: the station is the device's (or the device is the console) and the actor's (or the actor is office). */
export function mayActAt(ctx: MutationContext, stationId: string): boolean {
  if (ctx.deviceStationIds !== 'all' && !ctx.deviceStationIds.includes(stationId)) return false;
  if (isOfficeRole(ctx.actor.role)) return true;
  return ctx.actor.stationIds.includes(stationId);
}

/** Something that concerns several stations (a work order's routing, a hold, a conflict): one of them will do. */
export function mayActAtAny(ctx: MutationContext, stationIds: string[]): boolean {
  return stationIds.some((s) => mayActAt(ctx, s));
}

/** Something sent to several stations (a schedule change): every one of them must be in scope. */
export function mayActAtAll(ctx: MutationContext, stationIds: string[]): boolean {
  return stationIds.every((s) => mayActAt(ctx, s));
}
