import { describe, expect, it } from 'vitest';
import { readPokes } from '../../app/sync/events';

function streamOf(chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
      c.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('SSE pokes (S8)', () => {
  it('[S8] counts poke events across chunk boundaries and sends the Bearer header', async () => {
    let seen: RequestInit | undefined;
    const fetch = async (_u: string, init?: RequestInit) => {
      seen = init;
      return streamOf(['event: poke\ndata: {"cursor":3}\n\n: heartbeat\n\nev', 'ent: poke\r\ndata: {"cursor":4}\r\n\r\n', 'event: other\ndata: x\n\n']);
    };
    let pokes = 0;
    await readPokes(fetch, '/api/sync/events', { authorization: 'Bearer t' }, 'omit', new AbortController().signal, () => pokes++);
    expect(pokes).toBe(2);
    expect((seen?.headers as Record<string, string> | undefined)?.authorization).toBe('Bearer t');
  });

  it('[A1] a stream the server ends as revoked asks for a sync, so the tablet shows it at once', async () => {
    const fetch = async () => streamOf(['event: poke\ndata: {"cursor":3}\n\n', 'event: closed\ndata: {"code":"unauthorized"}\n\n']);
    let pokes = 0;
    await readPokes(fetch, '/api/sync/events', {}, 'omit', new AbortController().signal, () => pokes++);
    expect(pokes).toBe(2);
  });

  it('throws on a refused stream so the caller backs off', async () => {
    const fetch = async () => new Response('{}', { status: 401 });
    await expect(readPokes(fetch, '/e', {}, 'omit', new AbortController().signal, () => undefined)).rejects.toThrow();
  });
});
