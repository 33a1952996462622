/** An SSE event as the test sees it; comments (heartbeats) come as `comment`. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Reads an SSE body event by event. */
export function sse(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    /** The next event, or null when the server ended the stream. */
    async next(): Promise<SseEvent | null> {
      for (;;) {
        const cut = buffer.indexOf('\n\n');
        if (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':')) return { event: 'comment', data: block };
          const line = (p: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(p))
              ?.slice(p.length)
              .trim() ?? '';
          return { event: line('event:'), data: line('data:') };
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    /** The next event that `match` accepts (null if the stream ended first). */
    async until(match: (e: SseEvent) => boolean): Promise<SseEvent | null> {
      for (;;) {
        const e = await this.next();
        if (!e || match(e)) return e;
      }
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

export type SseReader = ReturnType<typeof sse>;
