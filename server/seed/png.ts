import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.byteLength, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB image as a PNG (8-bit truecolour, filter 0 on every row, one IDAT). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png);
}

/**
 * The seed's "photo": a part clamped in a vise on a machine table, rendered flat (a table of
 * T-slots, the vise jaws, the part with its bore, a soft light from the top left).
 */
export function fixturePhotoPng(): Uint8Array {
  const W = 480;
  const H = 320;
  return encodePng(W, H, (x, y) => {
    const light = 1 - 0.35 * ((x / W + y / H) / 2);
    const shade = (r: number, g: number, b: number): [number, number, number] => [Math.round(r * light), Math.round(g * light), Math.round(b * light)];
    // Bore of the part.
    const dx = x - 240;
    const dy = y - 160;
    if (dx * dx + dy * dy < 28 * 28) return shade(40, 44, 48);
    if (dx * dx + dy * dy < 31 * 31) return shade(210, 214, 220);
    // The part, machined aluminium.
    if (x >= 150 && x < 330 && y >= 105 && y < 215) return shade(188 + ((x * 7 + y * 3) % 9), 192, 198);
    // Vise jaws either side, blue-grey cast iron.
    if (y >= 95 && y < 225 && ((x >= 110 && x < 150) || (x >= 330 && x < 370))) return shade(70, 90, 120);
    if (y >= 225 && y < 250 && x >= 100 && x < 380) return shade(58, 76, 104);
    // The machine table with its T-slots.
    if (y % 80 >= 66) return shade(24, 26, 28);
    return shade(120, 124, 128);
  });
}
