import { POKE_EVENT, STREAM_CLOSED_EVENT } from '../../shared/protocol';
import type { FetchLike } from './types';

/**
 * Reads `GET /api/sync/events` with fetch streaming (EventSource cannot send a Bearer header) and
 * calls `onPoke` for each `poke` event (and for a `closed` one that says the token no longer
 * holds), `onOpen` once the server accepted the stream. Resolves when the stream ends or fails;
 * the caller reconnects with backoff.
 */
export async function readPokes(
  fetchFn: FetchLike,
  url: string,
  headers: Record<string, string>,
  credentials: RequestCredentials,
  signal: AbortSignal,
  onPoke: () => void,
  onOpen: () => void = () => {},
): Promise<void> {
  const res = await fetchFn(url, { headers: { accept: 'text/event-stream', ...headers }, credentials, signal });
  if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
  onOpen();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    // Events end with a blank line; lines may end in \n or \r\n.
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      const event = block.split(/\r?\n/).find((l) => l.startsWith('event:'));
      const name = event?.slice(6).trim();
      // The server ends a revoked device's stream with `closed`: a sync now shows "revoked" at once.
      if (name === POKE_EVENT || (name === STREAM_CLOSED_EVENT && block.includes('"unauthorized"'))) onPoke();
    }
  }
}
