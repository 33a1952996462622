import { connect, type Socket } from 'node:net';

/** A poke as an event-stream holder saw it: when it arrived (performance.now()) and its cursor. */
export interface PokeSeen {
  at: number;
  cursor: number;
}

const POKE = /"cursor":(\d+)\}/g;

/**
 * One held `GET /api/sync/events` stream over a raw loopback socket: every poke's arrival time is
 * kept, nothing else is parsed (the body is chunked; a poke's data line is found by its JSON, and
 * a line cut between two reads is carried over). 200 of these must cost the load generator little.
 */
export class EventStream {
  readonly pokes: PokeSeen[] = [];
  /** Pokes seen in all, also those past the cap (the soak keeps none, only counts). */
  seen = 0;
  closedEvents = 0;
  private socket: Socket | undefined;
  private carry = '';

  private constructor(private readonly cap: number) {}

  /** Opens the stream with a bearer token and resolves once its first poke (sent on connect) arrived. */
  static open(url: string, token: string, cap = 1_000_000): Promise<EventStream> {
    const es = new EventStream(cap);
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('event stream: no first poke within 30 s')), 30_000);
      const s = connect({ host: u.hostname, port: Number(u.port), noDelay: true }, () => {
        s.write(`GET /api/sync/events HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      });
      es.socket = s;
      s.setEncoding('utf8');
      s.on('data', (d: string) => {
        const at = performance.now();
        const text = es.carry + d;
        let last = 0;
        for (const m of text.matchAll(POKE)) {
          es.seen++;
          if (es.pokes.length < es.cap) es.pokes.push({ at, cursor: Number(m[1]) });
          last = m.index + m[0].length;
        }
        if (text.includes('event: closed')) {
          es.closedEvents++;
          es.carry = '';
        } else es.carry = text.slice(Math.max(last, text.length - 64));
        if (es.seen > 0) {
          clearTimeout(timer);
          resolve(es);
        }
      });
      s.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
