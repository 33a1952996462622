import { z } from 'zod';
import { Language } from '../language';
import { OfficeRole } from '../schema';

// `/api/users` (coordinator, admin): the office users who sign in at the console with a password (A3).
// Every write is audited (A4).

/** A console username: what people type at sign-in, so letters, digits and `.`, `_`, `-` only. */
export const Username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, ".", "_" or "-", 2 to 64 of them');
/** `POST /api/users` (coordinator, admin): an office user with a console password (A3). */
export const CreateUserRequest = z.object({
  username: Username,
  name: z.string().trim().min(1).max(100),
  role: OfficeRole,
  password: z.string().max(200),
  /** Defaults to the username; office users sign in on a tablet only once they hold a PIN. */
  badge: z.string().trim().min(1).max(64).optional(),
  /** The language the console speaks for them (L1); absent is the plant's default. */
  language: Language.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
/** `PUT /api/users/:id/password`: `oldPassword` is required when people change their own. */
export const SetPasswordRequest = z.object({
  password: z.string().max(200),
  oldPassword: z.string().max(200).optional(),
});
/** `PATCH /api/users/:id` (coordinator, admin): what changes of a console user; the language for now (L1). */
export const UpdateUserRequest = z.object({ language: Language });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;
/** A console user as `GET /api/users` lists it: never a password hash. */
export const ConsoleUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.string(),
  badge: z.string(),
  active: z.boolean(),
  language: Language.optional(),
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;

/** `GET /api/users` and `POST /api/users` answers (A3). */
export const UserListResponse = z.object({ users: z.array(ConsoleUser) });
export const CreateUserResponse = z.object({ user: ConsoleUser });
