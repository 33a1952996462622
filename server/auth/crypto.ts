import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A long random bearer secret (device tokens, session cookies): 256 bits, URL-safe. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** No 0/O, 1/I/L, 5/S, 2/Z: codes are read off a screen and typed with gloves on. */
export const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/** An 8-character one-time enrollment code (A1). */
export function enrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Codes are compared case- and separator-insensitively: `abcd-efgh` equals `ABCDEFGH`. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** scrypt password hash for console users, as `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Counts verifications, so tests see which sign-ins ran the slow hash (X2) without timing them. */
export const passwordChecks = { count: 0 };

/** Whether `password` matches a stored scrypt hash; always runs the hash for a well-formed one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  passwordChecks.count++;
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A readable random password for the first coordinator when none was configured. */
export function generatePassword(): string {
  return `${enrollmentCode().toLowerCase()}-${enrollmentCode().toLowerCase()}`;
}
