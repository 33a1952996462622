// Preloaded into the server with NODE_OPTIONS=--import (Node refuses --cpu-prof there): samples
// the CPU from the moment BENCH_CPU_PROF_DIR/start exists (checked every 50 ms, at most 10 min)
// until exit, and writes BENCH_CPU_PROF_DIR/server.cpuprofile.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let started = false;
  let checks = 0;
  const poll = setInterval(() => {
    if (++checks > 12_000) clearInterval(poll);
    if (!existsSync(join(dir, 'start'))) return;
    clearInterval(poll);
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 250 });
    session.post('Profiler.start');
    started = true;
  }, 50);
  poll.unref();
  process.on('exit', () => {
    if (!started) return;
    // Same-thread inspector sessions answer synchronously, so this runs to the end inside 'exit'.
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(dir, 'server.cpuprofile'), JSON.stringify(res.profile));
    });
  });
}
