/**
 * The console's `audit` record for a link of the chain, as both stores serve it: the entry as
 * hashed, then its hash and stamps, spliced as text (the entry is JSON of an object, so it ends
 * in `}`).
 */
export const auditRecordJson = (entry: string, hash: string, version: number, updatedAt: string): string =>
  `${entry.slice(0, -1)},"hash":"${hash}","version":${version},"updatedAt":${JSON.stringify(updatedAt)}}`;
