import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

/** zxing-wasm in Node, with its .wasm read from node_modules (never from a CDN). */
let ready = false;
function prepare(): void {
  if (ready) return;
  const wasmBinary = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer },
  });
  ready = true;
}

/** Decodes every barcode in a PNG (a screenshot of what the app printed). */
export async function decodePng(png: Uint8Array): Promise<ReadResult[]> {
  prepare();
  return readBarcodes(new Blob([new Uint8Array(png)], { type: 'image/png' }), { formats: ['Code128', 'QRCode'], tryHarder: true, textMode: 'Plain' });
}
