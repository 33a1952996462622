import { spawn } from 'node:child_process';
import type { Harness } from '../server/harness';

/** Runs one of server/cli's scripts for real, as `npm run <name> -- …` would. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATA_DIR: '', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** A note a tablet adds: one mutation, one record whose id the test knows. */
export const note = (client: string, id: number) => ({
  id,
  name: 'addNote',
  args: { id: `n-${client}-${id}`, stationId: 'st-mill-1', text: `${client} ${id}` },
  actorId: 'u-op-nguyen',
});

/**
 * Tablets pushing notes one after another until `stop()`: `acked` lists each note once the server
 * answered 200 with it applied, in the order the answers came.
 */
export function pushLoad(h: Harness, token: string, clients: string[]) {
  const acked: { client: string; id: number; noteId: string }[] = [];
  let stopped = false;
  const loops = clients.map(async (client) => {
    for (let id = 1; !stopped; id++) {
      const res = await h.push({ token }, client, [note(client, id)]);
      const body = (await res.json()) as { lastMutationId?: number };
      if (res.status !== 200 || body.lastMutationId !== id) throw new Error(`push ${client}:${id} answered ${res.status} ${JSON.stringify(body)}`);
      acked.push({ client, id, noteId: `n-${client}-${id}` });
    }
  });
  return {
    acked,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
