import { z } from 'zod';
import { Language } from '../language';
import { Id, Meta, Role, Timestamp } from './common';

/** A salted, slow PIN verifier (PBKDF2-SHA-256). The PIN itself is never stored (A2). */
export const PinVerifier = z.object({
  salt: z.string(),
  iterations: z.number().int().positive(),
  hash: z.string(),
  /** Salt of the proof key PBKDF2(PIN, proofSalt) that only the server keeps (shared/domain/proof.ts). */
  proofSalt: z.string().optional(),
});
export type PinVerifier = z.infer<typeof PinVerifier>;

export const User = z.object({
  id: Id,
  name: z.string().min(1),
  badge: z.string().min(1),
  role: Role,
  /** Stations the user may work at; coordinators and admins may act anywhere. */
  stationIds: z.array(Id),
  pin: PinVerifier.nullable(),
  active: z.boolean(),
  /** The language the person's screens speak (L1); absent means the plant's default, English. */
  language: Language.optional(),
  ...Meta,
});
export type User = z.infer<typeof User>;

export const Device = z.object({
  id: Id,
  name: z.string().min(1),
  stationIds: z.array(Id),
  revoked: z.boolean(),
  enrolledAt: Timestamp.nullable(),
  ...Meta,
});
export type Device = z.infer<typeof Device>;
