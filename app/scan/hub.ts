import { cleanScan, type ParsedScan, parseScan } from '../../shared/barcode';
import { listenForScans } from '../session/wedge';

export type ScanSource = 'wedge' | 'camera';

/**
 * Gets every scan while it is the newest handler: `raw` without terminators or a non-GS1
 * symbology prefix, and what it parses to. Returns `false` when the burst was typing after all.
 */
export type ScanHandler = (raw: string, parsed: ParsedScan, source: ScanSource) => unknown;

const handlers: ScanHandler[] = [];
let detachWedge: (() => void) | null = null;

/**
 * Subscribes to scans from the wedge and the camera. Only the newest handler gets a scan: the
 * screen on top (enrollment, sign-in) takes it before the shell's, which opens jobs. The wedge
 * listens while anyone does.
 */
export function onScan(handler: ScanHandler): () => void {
  handlers.push(handler);
  if (!detachWedge && typeof document !== 'undefined') detachWedge = listenForScans((raw) => emitScan(raw, 'wedge'));
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
    if (handlers.length === 0 && detachWedge) {
      detachWedge();
      detachWedge = null;
    }
  };
}

/** Hands one scan to the newest handler; the camera calls it with what it read. */
export function emitScan(raw: string, source: ScanSource): unknown {
  const h = handlers.at(-1);
  if (!h) return false;
  return h(cleanScan(raw), parseScan(raw), source);
}
