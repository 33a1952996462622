import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reverse proxy on loopback, as a plant's load balancer stands in front of the instances. */
export interface BalancingProxy {
  url: string;
  /** Requests sent to each upstream, by its index. */
  sent: number[];
  close(): Promise<void>;
}

/**
 * Round-robin over `upstreams` (origins like `http://127.0.0.1:8081`), streaming both ways so
 * SSE passes unbuffered, with the X-Forwarded-* headers a real proxy sets (the instances run
 * with TRUST_PROXY=1). It has no health checks: a request to a dead instance gets a 502, and
 * the client's retry goes to the next one, as with a balancer that has not noticed yet.
 */
export async function startProxy(upstreams: string[]): Promise<BalancingProxy> {
  let next = 0;
  const sent = upstreams.map(() => 0);
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const i = next++ % upstreams.length;
    sent[i]!++;
    const target = new URL(req.url ?? '/', upstreams[i]);
    const headers = {
      ...req.headers,
      'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': req.headers.host ?? '',
    };
    const up = request(target, { method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    up.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'bad-gateway', message: 'upstream unreachable' }));
    });
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
