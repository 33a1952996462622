import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import type { Document, Operation, Traveler } from '../../shared/schema';

const META = { version: 1, updatedAt: '2026-12-01T06:00:00.000Z' };

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function makeOperation(o: Partial<Operation> & Pick<Operation, 'id' | 'workOrderId' | 'stationId'>): Operation {
  return { seq: 10, name: 'Turn', idealCycleSeconds: 60, status: 'pending', good: 0, scrap: 0, lastChange: null, ...META, ...o } as Operation;
}

export function makeTraveler(o: Partial<Traveler> & Pick<Traveler, 'id' | 'workOrderId' | 'documentIds'>): Traveler {
  return {
    barcode: `FB1|${o.workOrderId}|1|A`,
    revision: 'A',
    status: 'released',
    flags: [],
    notes: '',
    releasedAt: META.updatedAt,
    releasedBy: 'u-eng',
    stationIds: [],
    ...META,
    ...o,
  };
}

export function makeDocument(o: Partial<Document> & Pick<Document, 'id' | 'sha256' | 'bytes'>): Document {
  return {
    number: `DWG-${o.id}`,
    title: `Drawing ${o.id}`,
    revision: 'A',
    status: 'released',
    contentType: 'application/pdf',
    reviewDueAt: null,
    releasedAt: META.updatedAt,
    releasedBy: 'u-eng',
    stationIds: [],
    ...META,
    ...o,
  };
}

/**
 * A small valid PDF of `pages` pages, each with a filled black box (no fonts needed), and the
 * page number as that many boxes, so page 2 draws something page 1 does not.
 */
export function minimalPdf(pages = 2): Uint8Array {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let p = 0; p < pages; p++) {
    const boxes = Array.from({ length: p + 1 }, (_, i) => `${72 + i * 60} 600 40 120 re f`).join('\n');
    const stream = `0 0 0 rg\n72 72 300 200 re f\n${boxes}\n`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${4 + p * 2} 0 R /Resources << >> >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid PNG of `width` × `height` pixels, all one RGB colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]));
}

export interface BlobServer {
  url: string;
  /** Every GET it answered, by sha256. */
  served: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server answering `GET /api/blobs/:sha256` for the bearer `token`, like the sync
 * server's route: 401 without the token, 404 for an unknown sha256. `bodies` may hold bytes that
 * do not hash to their key, to play a proxy or a disk that hands back the wrong file.
 */
export function startBlobServer(bodies: Map<string, Uint8Array>, token: string, port = 0): Promise<BlobServer> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const m = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(req.url ?? '');
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthorized"}');
    const body = m ? bodies.get(m[1]!) : undefined;
    if (!m || !body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not-found"}');
    served.push(m[1]!);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.byteLength,
      'cache-control': 'public, max-age=31536000, immutable',
    });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${p}`, served, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
