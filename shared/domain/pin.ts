import type { PinVerifier } from '../schema';

/** PBKDF2 rounds for new PIN verifiers: slow enough to resist guessing a stolen tablet's roster. */
export const PIN_ITERATIONS = 210_000;

const enc = new TextEncoder();
const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Makes a salted PBKDF2-SHA-256 verifier (A2) with WebCrypto, which both browser and Node have. */
export async function makePinVerifier(pin: string, iterations = PIN_ITERATIONS): Promise<PinVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toB64(salt), iterations, hash: toB64(await derive(pin, salt, iterations)) };
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
