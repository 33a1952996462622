import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditChain } from '../audit/chain';
import { createSqliteStore } from '../store/sqlite';

/** `npm run audit:verify [file]`: prints OK or the first broken seq; exits 1 when broken (A4). */
const file = process.argv[2] ?? join(process.env.DATA_DIR ?? './data', 'floorboard.sqlite');
if (!existsSync(file)) {
  console.log(`no database at ${file}`);
  process.exit(2);
}
const store = await createSqliteStore({ file });
const result = await verifyAuditChain(store);
await store.close();
if (result.ok) {
  console.log(`OK: ${result.entries} audit entries, chain intact`);
} else {
  console.log(`BROKEN at seq ${result.brokenAt}: ${result.reason} (${result.entries} entries verified before it)`);
  process.exitCode = 1;
}
