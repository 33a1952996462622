import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../shared/domain/clock';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { userSecrets } from '../../server/seed/people';
import { seedLargePlant } from '../../server/seed/large';
import { writeGroups } from '../../server/seed/write';
import { createSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/types';

export const DB_FILE = 'floorboard.sqlite';

export interface SeededPlant {
  /** A data directory holding the pristine seeded database; copy it, never serve it. */
  dir: string;
  workOrders: number;
  operations: number;
  seedMs: number;
}

/**
 * Seeds a fresh SQLite file with the large plant (plant records + N work orders with their
 * operations and travelers) plus the demo roster (so tablets have actors) and the coordinator.
 */
export async function seedPlant(workOrders: number, adminPassword: string): Promise<SeededPlant> {
  const dir = mkdtempSync(join(tmpdir(), 'floorboard-bench-seed-'));
  const t0 = performance.now();
  const store = await createSqliteStore({ file: join(dir, DB_FILE) });
  try {
    const operations = await seedStore(store, workOrders, adminPassword);
    return { dir, workOrders, operations, seedMs: performance.now() - t0 };
  } finally {
    await store.close();
  }
}

/** The same plant written into any store (the PostgreSQL figures seed their template with it); returns the operations. */
export async function seedStore(store: Store, workOrders: number, adminPassword: string): Promise<number> {
  await ensureCoordinator(store, systemClock, adminPassword);
  const summary = await seedLargePlant(store, { workOrders, clock: systemClock });
  // Few PBKDF2 rounds: the verifiers are never checked here, and 600k rounds × 11 users is slow.
  const users = await userSecrets(1000);
  const now = new Date(systemClock.now()).toISOString();
  await store.transaction(async (tx) => {
    await writeGroups(tx, [users.records], now);
    // The PIN proof keys too (A2), so a lead or the coordinator signed in on a bench tablet can act.
    for (const k of users.proofKeys) await tx.setProofKey(k.userId, k.key);
  });
  return summary.operations;
}

/** A fresh data directory with a copy of the pristine database (WAL is checkpointed on close). */
export function copyPlant(plant: SeededPlant): string {
  const dir = mkdtempSync(join(tmpdir(), 'floorboard-bench-data-'));
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(plant.dir, DB_FILE), join(dir, DB_FILE));
  for (const ext of ['-wal', '-shm']) {
    if (existsSync(join(plant.dir, DB_FILE + ext))) copyFileSync(join(plant.dir, DB_FILE + ext), join(dir, DB_FILE + ext));
  }
  return dir;
}

/** Operations the server holds (for a station: those its tablet may pull), read from the file. */
export async function countOperations(plant: SeededPlant, stationId?: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(plant.dir, DB_FILE), { readonly: true });
  try {
    const sql = "SELECT count(*) AS n FROM records WHERE entity = 'operations' AND deleted = 0" + (stationId ? ' AND instr(scopes, ?) > 0' : '');
    const row = (stationId ? db.prepare(sql).get(`|${stationId}|`) : db.prepare(sql).get()) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
