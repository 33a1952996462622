import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../app/sync';
import { EVENTS_BACKOFF } from '../../app/sync/backoff';
import { makeTablet } from '../sync/fakes/tablet';

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/** A stream the server accepted: one poke, then held open until the client aborts it. */
function openStream(signal: AbortSignal | null | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('event: poke\ndata: {"cursor":1}\n\n'));
      signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/**
 * S8, issue 7 part 8: the poke stream's reconnect backoff starts over on every accepted stream, is
 * capped at EVENTS_BACKOFF.maxMs, and the `online` event ends its wait at once. Manual timers: the
 * waits are read from what the client asked the timer for.
 */
describe('event stream reconnects (app/sync/client.ts listen)', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function tabletWithStream() {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    let up = false;
    let attempts = 0;
    let current: AbortController | null = null;
    const t = await makeTablet({
      eventSource: true,
      fetch: async (u, i) => {
        if (!String(u).includes('/events')) return t.server.fetch(u, i);
        attempts++;
        if (!up) throw new TypeError('fetch failed');
        current = new AbortController();
        i?.signal?.addEventListener('abort', () => current?.abort());
        return openStream(current.signal);
      },
    });
    /** The waits the stream asked for, newest last (the sync's own timers are 250 ms and 60 s). */
    const waits = () => t.timers.filter((x) => !x.cancelled && x.ms !== 60_000 && x.ms !== 250);
    const fireLastWait = async () => {
      const w = waits().at(-1)!;
      w.cancelled = true;
      w.fn();
      await settle();
      return w.ms;
    };
    return {
      ...t,
      win,
      waits,
      fireLastWait,
      attempts: () => attempts,
      setUp: (v: boolean) => void (up = v),
      dropStream: async () => {
        current?.abort();
        await settle();
      },
    };
  }

  it('[S8] grows while down, capped; starts over once a stream is accepted', async () => {
    const t = await tabletWithStream();
    t.client.start();
    await settle();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) seen.push(await t.fireLastWait());
    expect(seen.slice(0, 4)).toEqual([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0.5, EVENTS_BACKOFF)));
    expect(Math.max(...seen)).toBeLessThan(EVENTS_BACKOFF.maxMs);
    // The network is back: the next attempt is accepted, then the stream drops.
    t.setUp(true);
    await t.fireLastWait();
    await t.dropStream();
    // The first wait after an accepted stream is the shortest again, not the ninth.
    expect(t.waits().at(-1)!.ms).toBe(backoffDelay(1, () => 0.5, EVENTS_BACKOFF));
    t.client.stop();
  });

  it('[S8] `online` reconnects at once instead of waiting out the backoff', async () => {
    const t = await tabletWithStream();
    t.client.start();
    await settle();
    for (let i = 0; i < 6; i++) await t.fireLastWait();
    const before = t.attempts();
    expect(t.waits().at(-1)!.ms).toBeGreaterThan(10_000);
    t.setUp(true);
    t.win.dispatchEvent(new Event('online'));
    await settle();
    expect(t.attempts()).toBe(before + 1); // no timer fired: the online event did it
    await t.dropStream();
    expect(t.waits().at(-1)!.ms).toBe(backoffDelay(1, () => 0.5, EVENTS_BACKOFF));
    t.client.stop();
  });
});
