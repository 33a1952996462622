import { describe, expect, it } from 'vitest';
import { deriveProofKey, makePinSecrets, verifyPin } from '../../shared/domain/pin';
import { canonicalArgs, proofPayload, signProof } from '../../shared/domain/proof';

const FEW = 10;
const m = { id: 7, name: 'placeHold', actorId: 'u-lead', at: '2026-03-02T10:00:00.000Z', args: { id: 'h-1', reason: 'burrs', kind: 'quality' } };

describe('[A2] actor proofs', () => {
  it('canonical args do not depend on key order, and drop undefined like JSON does', () => {
    expect(canonicalArgs({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalArgs(undefined)).toBe('null');
  });

  it('the payload is a JSON array, so no field can shift into its neighbour', () => {
    const a = proofPayload('c|1', { ...m, id: 2 }, 'd');
    const b = proofPayload('c', { ...m, id: 12 }, 'd');
    expect(a).not.toBe(b);
    expect(JSON.parse(a)).toEqual(['fb-proof-1', 'c|1', 2, 'placeHold', 'u-lead', m.at, 'd']);
  });

  it("the PIN typed at sign-in derives the server's proof key; another PIN or the verifier alone does not", async () => {
    const s = await makePinSecrets('4821', FEW);
    expect(await verifyPin('4821', s.verifier)).toBe(true);
    expect(await deriveProofKey('4821', s.verifier)).toBe(s.proofKey);
    expect(await deriveProofKey('4822', s.verifier)).not.toBe(s.proofKey);
    expect(s.verifier.hash).not.toBe(s.proofKey);
    expect(JSON.stringify(s.verifier)).not.toContain(s.proofKey);
    expect(await deriveProofKey('4821', { ...s.verifier, proofSalt: undefined })).toBeUndefined();
  });

  it('a proof covers every field: the same key signs a different value for any change', async () => {
    const { proofKey } = await makePinSecrets('4821', FEW);
    const base = await signProof(proofKey, 'client-1', m);
    expect(await signProof(proofKey, 'client-1', { ...m, args: { kind: 'quality', reason: 'burrs', id: 'h-1' } })).toBe(base);
    for (const other of [
      signProof(proofKey, 'client-2', m),
      signProof(proofKey, 'client-1', { ...m, id: 8 }),
      signProof(proofKey, 'client-1', { ...m, name: 'releaseHold' }),
      signProof(proofKey, 'client-1', { ...m, actorId: 'u-other' }),
      signProof(proofKey, 'client-1', { ...m, at: '2026-03-02T10:00:01.000Z' }),
      signProof(proofKey, 'client-1', { ...m, args: { ...m.args, reason: 'ok' } }),
    ])
      expect(await other).not.toBe(base);
  });
});
