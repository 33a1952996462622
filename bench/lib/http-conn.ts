import { connect, type Socket } from 'node:net';

export interface HttpReply {
  status: number;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection that sends a request and reads its reply, one at a time: the
 * load generator of figure 4. node:http's client spent ~300 µs of CPU a request (agents, header
 * objects, streams) on a 2-core machine where the server under test needs a core of its own; this
 * writes one preformatted string and parses only what our server sends (a status line, headers
 * with Content-Length, the body), like wrk or autocannon would. Anything else is an error.
 */
export class HttpConnection {
  private socket: Socket | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: HttpReply): void; reject(e: Error): void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  static to(url: string): HttpConnection {
    const u = new URL(url);
    return new HttpConnection(u.hostname, Number(u.port));
  }

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port, noDelay: true }, () => resolve(s));
      s.on('data', (d: Buffer) => {
        this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
        this.parse();
      });
      s.on('error', (e) => {
        reject(e);
        this.fail(e);
      });
      s.on('close', () => {
        this.socket = undefined;
        this.fail(new Error('connection closed'));
      });
    });
  }

  private fail(e: Error) {
    const w = this.waiting;
    this.waiting = undefined;
    this.buf = Buffer.alloc(0);
    w?.reject(e);
  }

  private parse() {
    if (!this.waiting) return;
    const end = this.buf.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) return this.fail(new Error(`reply without content-length: ${head.split('\r\n')[0]}`));
    const total = end + 4 + Number(m[1]);
    if (this.buf.length < total) return;
    const body = this.buf.toString('utf8', end + 4, total);
    this.buf = this.buf.subarray(total);
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }

  /** Sends one request (`headers` already formatted as `Name: value\r\n` lines) and reads its reply. */
  async request(method: string, path: string, headers: string, body?: string): Promise<HttpReply> {
    if (this.waiting) throw new Error('one request at a time per connection');
    const socket = this.socket ?? (this.socket = await this.open());
    const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise<HttpReply>((resolve, reject) => {
      const timer = setTimeout(() => socket.destroy(new Error('request timeout')), 30_000);
      this.waiting = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${headers}${length}\r\n${body ?? ''}`);
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
