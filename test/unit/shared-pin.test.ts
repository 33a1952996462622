import { describe, expect, it } from 'vitest';
import { makePinVerifier, PIN_ITERATIONS, verifyPin } from '../../shared/domain/pin';
import { PinVerifier } from '../../shared/schema';

const FEW = 10;

describe('[A2] PIN verifier', () => {
  it.each<[string, string, boolean]>([
    ['the right PIN', '4821', true],
    ['a wrong PIN', '4822', false],
    ['a prefix of the PIN', '482', false],
    ['the PIN with an extra digit', '48210', false],
    ['an empty PIN', '', false],
  ])('%s → %s', async (_, tried, ok) => {
    const v = await makePinVerifier('4821', FEW);
    expect(await verifyPin(tried, v)).toBe(ok);
  });

  it('the verifier is a valid PinVerifier and never contains the PIN', async () => {
    const v = await makePinVerifier('4821', FEW);
    expect(PinVerifier.parse(v)).toEqual(v);
    expect(v.iterations).toBe(FEW);
    expect(JSON.stringify(v)).not.toContain('4821');
    expect(atob(v.salt)).toHaveLength(16);
    expect(atob(v.hash)).toHaveLength(32);
  });

  it('two verifiers of the same PIN have different salts and hashes, and both verify', async () => {
    const [a, b] = await Promise.all([makePinVerifier('0000', FEW), makePinVerifier('0000', FEW)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('0000', a)).toBe(true);
    expect(await verifyPin('0000', b)).toBe(true);
  });

  it.each<[string, (v: PinVerifier) => PinVerifier]>([
    ['another salt', (v) => ({ ...v, salt: btoa('x'.repeat(16)) })],
    ['another iteration count', (v) => ({ ...v, iterations: v.iterations + 1 })],
    ['a truncated hash', (v) => ({ ...v, hash: btoa(atob(v.hash).slice(0, 16)) })],
    ['a salt that is not base64', (v) => ({ ...v, salt: '%%%not-base64%%%' })],
    ['a hash that is not base64', (v) => ({ ...v, hash: '***' })],
  ])('a verifier with %s does not accept the PIN', async (_, tamper) => {
    const v = await makePinVerifier('4821', FEW);
    expect(await verifyPin('4821', tamper(v))).toBe(false);
  });

  it('the default is slow enough (OWASP 2023: 210 000 rounds of PBKDF2-SHA-256)', () => {
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(210_000);
  });
});
