// Preloaded into the server with NODE_OPTIONS=--import (Node refuses --cpu-prof there): samples
// the CPU from start to exit and writes BENCH_CPU_PROF_DIR/server.cpuprofile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // Same-thread inspector sessions answer synchronously, so this runs to the end inside 'exit'.
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(dir, 'server.cpuprofile'), JSON.stringify(res.profile));
    });
  });
}
