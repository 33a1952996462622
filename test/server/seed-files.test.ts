import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getDocument, GlobalWorkerOptions, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { sniffContentType } from '../../server/blobs/content-type';
import { drawingPdf } from '../../server/seed/pdf';
import { encodePng, fixturePhotoPng } from '../../server/seed/png';

const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
GlobalWorkerOptions.workerSrc = join(PDFJS, 'legacy/build/pdf.worker.mjs');
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const SPEC = {
  number: 'DWG-HM-100',
  revision: 'A',
  title: 'Hydraulic manifold block',
  partFamily: 'HM',
  width: 120,
  height: 70,
  holes: 4,
  material: '6061-T6',
};

describe('[T2] the seed drawing is a real PDF', () => {
  const pdf = drawingPdf(SPEC);
  const text = latin1(pdf);

  it('every cross-reference entry points at its object, and startxref at the table', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const table = /xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(text.slice(startxref))!;
    const entries = table[2]!.match(/.{18}\r\n/g)!;
    expect(entries).toHaveLength(Number(table[1]));
    expect(entries[0]).toBe('0000000000 65535 f\r\n');
    entries.slice(1).forEach((e, i) => {
      const offset = Number(e.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    // The content stream's /Length is its byte count.
    const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
    const start = stream.index + stream[0].length;
    expect(text.slice(start + Number(stream[1]), start + Number(stream[1]) + 10)).toBe('\nendstream');
  });

  it('pdf.js opens it without repairs, and its page holds the outline, the dimensions and the title block', async () => {
    const doc = await getDocument({ data: new Uint8Array(pdf), stopAtErrors: true, standardFontDataUrl: join(PDFJS, 'standard_fonts/'), verbosity: 0 }).promise;
    try {
      expect(doc.numPages).toBe(1);
      const page = await doc.getPage(1);
      expect(page.view).toEqual([0, 0, 842, 595]);
      const words = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
      for (const w of ['DWG-HM-100', 'Hydraulic manifold block', '120.0 +/-0.1', '70.0', '4X DIA 7.0 THRU', '6061-T6', 'REV']) expect(words).toContain(w);
      const ops = await page.getOperatorList();
      expect(ops.fnArray.filter((f) => f === OPS.constructPath).length).toBeGreaterThan(10);
      expect((await doc.getMetadata()).info).toMatchObject({ Title: 'DWG-HM-100 rev A Hydraulic manifold block' });
    } finally {
      await doc.destroy();
    }
  });

  it('is typed by its bytes as a PDF, and the same drawing is the same bytes (one blob)', () => {
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(drawingPdf(SPEC)).toEqual(pdf);
  });
});

describe('[T2] the seed photo is a real PNG', () => {
  /** Splits a PNG into its chunks, checking each CRC the way a decoder does. */
  function chunks(png: Uint8Array) {
    const b = Buffer.from(png);
    expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const out: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < b.length; ) {
      const len = b.readUInt32BE(at);
      const type = b.toString('latin1', at + 4, at + 8);
      const data = b.subarray(at + 8, at + 8 + len);
      expect(b.readUInt32BE(at + 8 + len), `${type} CRC`).toBe(crc32(b.subarray(at + 4, at + 8 + len)));
      out.push({ type, data });
      at += 12 + len;
    }
    return out;
  }
  // An independent CRC-32 (bitwise, no table) to check the encoder's table against.
  function crc32(bytes: Uint8Array): number {
    let c = ~0;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  }

  it('has IHDR, IDAT and IEND with valid CRCs, and its pixels inflate to the declared size', () => {
    const png = fixturePhotoPng();
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const [w, h] = [cs[0]!.data.readUInt32BE(0), cs[0]!.data.readUInt32BE(4)];
    expect([w, h, ...cs[0]!.data.subarray(8)]).toEqual([480, 320, 8, 2, 0, 0, 0]);
    const raw = inflateSync(cs[1]!.data);
    expect(raw.length).toBe((w * 3 + 1) * h);
    // The bore at the centre is dark, the part around it light.
    const px = (x: number, y: number) => [...raw.subarray(y * (w * 3 + 1) + 1 + x * 3, y * (w * 3 + 1) + 4 + x * 3)];
    expect(Math.max(...px(240, 160))).toBeLessThan(60);
    expect(Math.min(...px(200, 120))).toBeGreaterThan(120);
    expect(sniffContentType(png)).toBe('image/png');
  });

  it('encodes what it is given, pixel for pixel', () => {
    const png = encodePng(2, 2, (x, y) => [x * 255, y * 255, 7]);
    const raw = inflateSync(chunks(png)[1]!.data);
    expect([...raw]).toEqual([0, 0, 0, 7, 255, 0, 7, 0, 0, 255, 7, 255, 255, 7]);
  });
});
