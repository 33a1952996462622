// The WAL checkpointer's thread (see checkpointer.ts): its own connection to the file, copying
// WAL frames into the database while the main thread goes on committing. Plain JavaScript, so it
// runs as is under tsx (`npm start`), vitest and plain node alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
// D1, as on the main connection: the checkpoint's writes into the database file are fsynced too.
db.pragma('synchronous = FULL');

const checkpoint = () => {
  try {
    return db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch {
    return undefined; // busy: next time
  }
};

const timer = setInterval(() => {
  const r = checkpoint();
  if (r) parentPort.postMessage({ walPages: r.log });
}, workerData.intervalMs);

parentPort.on('message', (m) => {
  if (m === 'pre-copy') return void parentPort.postMessage({ preCopied: true, result: checkpoint() });
  if (m === 'synchronous') return void parentPort.postMessage({ synchronous: db.pragma('synchronous', { simple: true }) });
  if (m === 'catch-up') return void parentPort.postMessage({ caughtUp: true, result: checkpoint() });
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
