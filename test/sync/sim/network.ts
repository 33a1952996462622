import type { Rng } from './rng';

export interface Faults {
  /** Request lost before it reaches the server. */
  dropRequest: number;
  /** Response lost after the server committed (the client sees a network error). */
  dropResponse: number;
  /** The request is delivered twice (at once, or replayed later: reordering). */
  duplicate: number;
  /** Extra event-loop turns before delivery, so tablets' requests interleave differently. */
  maxDelayTurns: number;
}

export const NO_FAULTS: Faults = { dropRequest: 0, dropResponse: 0, duplicate: 0, maxDelayTurns: 0 };

/** The server's side: `via` is the client whose connection carries the request (several instances route by it). */
type Handler = (req: Request, via: string) => Promise<Response>;

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * The fake network between the tablets and the server (STYLE habit 6): it routes `fetch` to the
 * current app (which a restart replaces) and, driven by the seeded RNG, drops, duplicates,
 * delays and replays requests, and cuts single clients off.
 */
export function createNetwork(rng: Rng, faults: Faults) {
  let handler: Handler | null = null;
  const offline = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let replays: (() => Promise<unknown>)[] = [];
  const log: string[] = [];
  let f = faults;
  /** Every push delivered to a server, to replay them all at the end (S2). */
  const pushes: { input: string; init: RequestInit; client: string }[] = [];
  let pushesInFlight = 0;
  /** Requests the server is handling right now (delivered, not yet answered). */
  const atServer = new Set<Promise<unknown>>();

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };
  const deliver = async (input: string, init: RequestInit | undefined, client: string) => {
    if (!handler) throw new TypeError('server down');
    const isPush = input.startsWith('/api/sync/push');
    if (isPush) pushes.push({ input, init: init ?? {}, client }), pushesInFlight++;
    const handling = handler(new Request(new URL(input, 'http://fb.test'), init), client);
    atServer.add(handling);
    try {
      return await handling;
    } finally {
      atServer.delete(handling);
      if (isPush) pushesInFlight--;
    }
  };

  function fetchFor(client: string, headers: () => Record<string, string> = () => ({})) {
    return (input: string, init?: RequestInit): Promise<Response> =>
      track(
        (async () => {
          const h = { ...(init?.headers as Record<string, string>), ...headers() };
          const req = { ...init, headers: h };
          for (let i = rng.int(f.maxDelayTurns + 1); i > 0; i--) await turn();
          if (offline.has(client)) throw new TypeError(`${client} offline`);
          if (rng.chance(f.dropRequest)) {
            log.push(`${client} ${init?.method ?? 'GET'} ${input}: request dropped`);
            throw new TypeError('request dropped');
          }
          if (rng.chance(f.duplicate)) {
            log.push(`${client} ${init?.method ?? 'GET'} ${input}: duplicated`);
            if (rng.chance(0.5)) void track(deliver(input, req, client).catch(() => undefined));
            else replays.push(() => deliver(input, req, client));
          }
          const res = await deliver(input, req, client);
          const body = await res.text();
          if (rng.chance(f.dropResponse)) {
            log.push(`${client} ${init?.method ?? 'GET'} ${input}: response dropped after commit`);
            throw new TypeError('response dropped');
          }
          return new Response(body, { status: res.status, headers: res.headers });
        })(),
      );
  }

  return {
    log,
    fetchFor,
    setHandler(h: Handler | null) {
      handler = h;
    },
    setFaults(next: Faults) {
      f = next;
    },
    disconnect: (c: string) => offline.add(c),
    reconnect: (c: string) => offline.delete(c),
    healAll: () => offline.clear(),
    isOffline: (c: string) => offline.has(c),
    /** Pushes the server has received and not answered yet. */
    pushesInFlight: () => pushesInFlight,
    /** Delivers every push ever delivered once more, in order, on the connection it came by; returns each request body, status and answer. */
    async replayPushes(): Promise<{ body: string; status: number; answer: string }[]> {
      const out: { body: string; status: number; answer: string }[] = [];
      for (const p of [...pushes]) {
        const res = await deliver(p.input, p.init, p.client);
        out.push({ body: String(p.init.body), status: res.status, answer: await res.text() });
      }
      return out;
    },
    /** Delivers some (or all) of the delayed duplicates, in random order. */
    async replay(all = false) {
      const keep: typeof replays = [];
      const go: typeof replays = [];
      for (const r of replays) (all || rng.chance(0.5) ? go : keep).push(r);
      replays = keep;
      for (const r of go) await track(r().catch(() => undefined));
    },
    /** Waits until the server has answered every request it received, as a server's graceful close does. */
    async drainServer() {
      while (atServer.size) await Promise.allSettled([...atServer]);
    },
    /** Waits for every request on the wire, including ones the clients stopped waiting for. */
    async quiesce() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

export type Network = ReturnType<typeof createNetwork>;
