/**
 * DESIGN §9: a wedge scanner types a fast burst of keys ending in Enter or Tab. This tells such a
 * burst from a person typing: at least `minLength` characters, each within `maxGapMs` of the last.
 */
export interface WedgeOptions {
  minLength?: number;
  maxGapMs?: number;
}

export function createWedgeDetector(opts: WedgeOptions = {}) {
  const minLength = opts.minLength ?? 3;
  const maxGapMs = opts.maxGapMs ?? 50;
  let buf = '';
  let last = 0;
  return {
    /** Feeds one key; returns the scanned text when a burst ends, else null. */
    key(key: string, at: number): string | null {
      if (key === 'Enter' || key === 'Tab') {
        const scanned = buf.length >= minLength ? buf : null;
        buf = '';
        return scanned;
      }
      if (key.length !== 1) return null;
      buf = at - last > maxGapMs ? key : buf + key;
      last = at;
      return null;
    },
    reset() {
      buf = '';
    },
  };
}

/** Listens on the whole document (no focused field needed) and reports finished scans. */
export function listenForScans(onScan: (text: string) => void, opts?: WedgeOptions): () => void {
  const d = createWedgeDetector(opts);
  const handler = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    // A focused text field gets the keys itself; its own Enter handler takes the scan.
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    const scanned = d.key(e.key, e.timeStamp || performance.now());
    if (scanned) {
      e.preventDefault();
      onScan(scanned);
    }
  };
  document.addEventListener('keydown', handler, true);
  return () => document.removeEventListener('keydown', handler, true);
}
