/**
 * The network and enrollment settings main.ts reads from the environment. A value that does not
 * parse stops the start with its name, rather than quietly trusting (or ignoring) a proxy.
 */
export interface NetworkSettings {
  /** Undefined: every interface, IPv6 and IPv4 (Node's default), as tablets on the Wi-Fi need. */
  host: string | undefined;
  trustProxy: number;
  enrollmentTtlMs: number | undefined;
}

/** Reads `HOST`, `TRUST_PROXY` and `ENROLLMENT_TTL_MS`; returns an error sentence for a bad one. */
export function readNetworkSettings(env: Record<string, string | undefined>): NetworkSettings | { error: string } {
  const host = env.HOST?.trim() || undefined;
  const tp = env.TRUST_PROXY?.trim().toLowerCase() ?? '';
  const trustProxy = tp === '' || tp === 'false' ? 0 : tp === 'true' ? 1 : /^\d+$/.test(tp) ? Number(tp) : NaN;
  if (!Number.isInteger(trustProxy) || trustProxy > 10)
    return { error: `TRUST_PROXY must be the number of proxies in front (0–10) or true/false, not "${env.TRUST_PROXY}"` };
  const ttl = env.ENROLLMENT_TTL_MS?.trim();
  const enrollmentTtlMs = ttl ? Number(ttl) : undefined;
  if (enrollmentTtlMs !== undefined && !(Number.isInteger(enrollmentTtlMs) && enrollmentTtlMs >= 60_000 && enrollmentTtlMs <= 7 * 24 * 3_600_000)) {
    return { error: `ENROLLMENT_TTL_MS must be milliseconds between one minute and seven days, not "${ttl}"` };
  }
  return { host, trustProxy, enrollmentTtlMs };
}

/** Reads `FLOORBOARD_MAX_BLOB_MB`, the largest document file an upload takes (T2); undefined: the default. */
export function readMaxBlobBytes(env: Record<string, string | undefined>): number | undefined | { error: string } {
  const raw = env.FLOORBOARD_MAX_BLOB_MB?.trim();
  if (!raw) return undefined;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 1024) return { error: `FLOORBOARD_MAX_BLOB_MB must be whole megabytes from 1 to 1024, not "${raw}"` };
  return mb * 1024 * 1024;
}
