import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import bwipjs from 'bwip-js/node';

/** A gray image: one byte of luminance a pixel, row by row. */
interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Decodes the 8-bit, non-interlaced PNGs bwip-js writes (gray, RGB, with or without alpha). */
export function decodePng(png: Buffer): Gray {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`PNG color type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      cur[i] = (line[i]! + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = x * channels;
      // Luminance (BT.601); a transparent pixel is the white of the paper.
      let l = channels >= 3 ? (cur[o]! * 299 + cur[o + 1]! * 587 + cur[o + 2]! * 114) / 1000 : cur[o]!;
      const alpha = channels === 2 ? cur[o + 1]! : channels === 4 ? cur[o + 3]! : 255;
      l = (l * alpha + 255 * (255 - alpha)) / 255;
      pixels[y * width + x] = Math.round(l);
    }
    prev.set(cur);
  }
  return { width, height, pixels };
}

/**
 * Writes a Y4M video (what Chromium's `--use-file-for-fake-video-capture` plays in a loop) of
 * `image` centred on white paper: the tablet's camera pointed at a printed code.
 */
export function writeY4m(image: Gray, file: string, width = 640, height = 480, frames = 10): void {
  if (image.width > width || image.height > height) throw new Error('the code is larger than the frame');
  const y = new Uint8Array(width * height).fill(235);
  const ox = Math.floor((width - image.width) / 2);
  const oy = Math.floor((height - image.height) / 2);
  for (let r = 0; r < image.height; r++) {
    for (let c = 0; c < image.width; c++) {
      // Studio-range luma, as a camera delivers it.
      y[(oy + r) * width + ox + c] = 16 + Math.round((image.pixels[r * image.width + c]! * 219) / 255);
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F25:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** A QR code of `text` made by bwip-js, as a Y4M file under the OS temp directory; returns its path. */
export async function qrVideo(text: string, name: string): Promise<string> {
  const png = await bwipjs.toBuffer({ bcid: 'qrcode', text, scale: 6, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'ffffff' });
  const file = join(tmpdir(), `floorboard-${name}-${process.pid}.y4m`);
  writeY4m(decodePng(png), file);
  return file;
}
