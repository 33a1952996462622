// Preloaded into the soak's server with NODE_OPTIONS=--import: every 2 s it writes the process's
// process.memoryUsage() (and the time) to BENCH_MEM_FILE, replacing the file (rename, so a
// reader never sees half of it). The soak reads it; the server itself knows nothing of this.
import { renameSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEM_FILE;
if (file) {
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
    renameSync(`${file}.tmp`, file);
  };
  write();
  setInterval(write, 2_000).unref();
}
