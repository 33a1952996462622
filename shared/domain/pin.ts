import type { PinVerifier } from '../schema';
import { fromB64, toB64 } from './proof';

/** PBKDF2 rounds for new PIN verifiers: slow enough to resist guessing a stolen tablet's roster. */
export const PIN_ITERATIONS = 210_000;

/** A PIN is 4 to 12 digits: what the tablet's keypad takes (app/screens/signin). */
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 12;

/**
 * Why a new PIN is refused, as an error value (A2): not 4–12 digits, or one a passer-by guesses
 * first (one digit repeated, a run up or down such as 1234, 7890 or 9876). Checked where a PIN is set,
 * never at sign-in, so a PIN set before a rule existed still signs its person in.
 */
export function pinProblem(pin: string): 'pin-format' | 'pin-too-simple' | null {
  if (!/^\d+$/.test(pin) || pin.length < MIN_PIN_LENGTH || pin.length > MAX_PIN_LENGTH) return 'pin-format';
  // Steps between neighbours, mod 10 so the keypad's 9→0 continues a run (7890, 2109).
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => (x - d[i]! + 10) % 10));
  if (steps.size === 1 && [0, 1, 9].includes([...steps][0]!)) return 'pin-too-simple';
  return null;
}

const enc = new TextEncoder();

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A PIN's verifier (synced to tablets) and its proof key (kept by the server only, A2). */
export interface PinSecrets {
  verifier: PinVerifier;
  /** base64 PBKDF2(PIN, proofSalt): what the tablet re-derives at sign-in to sign mutations. */
  proofKey: string;
}

/**
 * Makes a salted PBKDF2-SHA-256 verifier (A2) and, with a second salt, the proof key; WebCrypto,
 * which both browser and Node have. The verifier does not reveal the key without the PIN.
 */
export async function makePinSecrets(pin: string, iterations = PIN_ITERATIONS): Promise<PinSecrets> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const proofSalt = crypto.getRandomValues(new Uint8Array(16));
  const [hash, key] = await Promise.all([derive(pin, salt, iterations), derive(pin, proofSalt, iterations)]);
  return { verifier: { salt: toB64(salt), iterations, hash: toB64(hash), proofSalt: toB64(proofSalt) }, proofKey: toB64(key) };
}

/** A verifier alone, for records that never sign (tests, imports); see `makePinSecrets`. */
export async function makePinVerifier(pin: string, iterations = PIN_ITERATIONS): Promise<PinVerifier> {
  return (await makePinSecrets(pin, iterations)).verifier;
}

/** The proof key for a PIN the person just typed; undefined when the verifier has no proof salt. */
export async function deriveProofKey(pin: string, v: PinVerifier): Promise<string | undefined> {
  if (!v.proofSalt) return undefined;
  try {
    return toB64(await derive(pin, fromB64(v.proofSalt), v.iterations));
  } catch {
    return undefined;
  }
}

/** True when the PIN matches; a corrupt verifier never signs anyone in. */
export async function verifyPin(pin: string, v: PinVerifier): Promise<boolean> {
  let salt: Uint8Array;
  let want: Uint8Array;
  try {
    salt = fromB64(v.salt);
    want = fromB64(v.hash);
  } catch {
    return false;
  }
  const got = await derive(pin, salt, v.iterations);
  if (got.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i]! ^ want[i]!;
  return diff === 0;
}
