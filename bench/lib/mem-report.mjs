// Preloaded into the soak's server with NODE_OPTIONS=--import: every 2 s it writes the process's
// process.memoryUsage() (and the time) to BENCH_MEM_FILE, replacing the file (rename, so a
// reader never sees half of it). The soak reads it; the server itself knows nothing of this.
// NODE_OPTIONS reaches the server's worker threads too (the SQLite checkpointer): only the main
// thread reports, or a worker's own small heap would overwrite the server's in the file.
import { renameSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_MEM_FILE;
if (file && isMainThread) {
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
    renameSync(`${file}.tmp`, file);
  };
  write();
  setInterval(write, 2_000).unref();
}
