import { describe, expect, it } from 'vitest';
import { readMaxBlobBytes, readNetworkSettings } from '../../server/settings';

describe('network settings from the environment', () => {
  it('[X1] defaults: every interface, no proxy trusted, the default enrollment life', () => {
    expect(readNetworkSettings({})).toEqual({ host: undefined, trustProxy: 0, enrollmentTtlMs: undefined });
  });

  it.each([
    [{ HOST: '127.0.0.1' }, { host: '127.0.0.1' }],
    [{ TRUST_PROXY: 'true' }, { trustProxy: 1 }],
    [{ TRUST_PROXY: '2' }, { trustProxy: 2 }],
    [{ TRUST_PROXY: 'false' }, { trustProxy: 0 }],
    [{ ENROLLMENT_TTL_MS: '600000' }, { enrollmentTtlMs: 600_000 }],
  ])('[X2] reads %o', (env, want) => {
    expect(readNetworkSettings(env)).toMatchObject(want);
  });

  it.each([{ TRUST_PROXY: 'yes' }, { TRUST_PROXY: '-1' }, { ENROLLMENT_TTL_MS: '1h' }, { ENROLLMENT_TTL_MS: '10' }])('[X2] refuses %o with its name', (env) => {
    const r = readNetworkSettings(env);
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toContain(Object.keys(env)[0]);
  });
});

describe('[T2] the blob upload limit from the environment', () => {
  it.each([
    [{}, undefined],
    [{ FLOORBOARD_MAX_BLOB_MB: '' }, undefined],
    [{ FLOORBOARD_MAX_BLOB_MB: '200' }, 200 * 1024 * 1024],
  ])('%j → %j', (env, bytes) => {
    expect(readMaxBlobBytes(env)).toEqual(bytes);
  });

  it.each(['0', '1.5', 'lots', '2048'])('FLOORBOARD_MAX_BLOB_MB=%s stops the start, naming it', (v) => {
    expect(readMaxBlobBytes({ FLOORBOARD_MAX_BLOB_MB: v })).toEqual({ error: expect.stringContaining('FLOORBOARD_MAX_BLOB_MB') });
  });
});
