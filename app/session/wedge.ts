/**
 * DESIGN §9: a wedge scanner types a fast burst of keys ending in Enter or Tab. This tells such a
 * burst from a person typing: at least `minLength` characters, on average at most `maxAvgGapMs`
 * apart, none (nor the terminator) more than `maxGapMs` after the one before. People type a key
 * every 100 ms or more; scanners every few ms, with the odd late key when the tablet is busy.
 */
export interface WedgeOptions {
  minLength?: number;
  maxAvgGapMs?: number;
  maxGapMs?: number;
}

/** ASCII GS, as the wedge reports it inside a scan. */
const GS = '\x1d';

export function createWedgeDetector(opts: WedgeOptions = {}) {
  const minLength = opts.minLength ?? 4;
  const maxAvgGapMs = opts.maxAvgGapMs ?? 35;
  const maxGapMs = opts.maxGapMs ?? 100;
  let buf = '';
  let first = 0;
  let last = Number.NEGATIVE_INFINITY;
  return {
    /** Feeds one key; returns the scanned text when a burst ends, else null. */
    key(key: string, at: number): string | null {
      if (key === 'Enter' || key === 'Tab') {
        const fast = buf.length >= minLength && at - last <= maxGapMs && (at - first) / buf.length <= maxAvgGapMs;
        const scanned = fast ? buf : null;
        buf = '';
        return scanned;
      }
      if (key.length !== 1) return null;
      if (at - last > maxGapMs) {
        buf = key;
        first = at;
      } else buf += key;
      last = at;
      return null;
    },
    /** Characters in the burst under way (1 right after a key that starts a new one). */
    size(): number {
      return buf.length;
    },
    reset() {
      buf = '';
    },
  };
}

/**
 * What a scanner's GS looks like as a key event in Chromium: Ctrl+] (what most wedges send for
 * ASCII 29), a key whose value is the character itself, or the legacy keyCode 29.
 */
export function keyOf(e: KeyboardEvent): string {
  if (e.key === GS || e.key === 'GroupSeparator' || e.keyCode === 29) return GS;
  if (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight')) return GS;
  // Other chords are commands (Ctrl+C), not characters of a scan.
  if ((e.ctrlKey || e.metaKey || e.altKey) && e.key.length === 1) return 'Unidentified';
  return e.key;
}

export interface ListenOptions extends WedgeOptions {
  /** When a key happened, in ms; the event's own time stamp by default (tests hand in a clock). */
  now?: (e: KeyboardEvent) => number;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (el: EventTarget | null): el is Editable => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

/** Sets a field's value the way typing would, so a framework's input handler sees it. */
function setFieldValue(el: Editable, value: string, caret: number | null) {
  if (el.value === value) return;
  el.value = value;
  if (caret !== null && el.type !== 'number' && el.type !== 'email') el.setSelectionRange(caret, caret);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens on the whole document (no focused field needed) and reports finished scans. A scan
 * typed into a focused field is taken back out of it. The handler returns `false` to say the
 * burst was typing after all (fast digits on the PIN pad): then the keys stay as typed.
 */
export function listenForScans(onScan: (text: string) => unknown, opts: ListenOptions = {}): () => void {
  const d = createWedgeDetector(opts);
  const now = opts.now ?? ((e: KeyboardEvent) => e.timeStamp || performance.now());
  // The focused field as it was before the burst's first key, to put back after a scan.
  let before: { el: Editable; value: string; caret: number | null } | null = null;
  const handler = (e: KeyboardEvent) => {
    const key = keyOf(e);
    const at = now(e);
    if (key === 'Enter' || key === 'Tab') {
      const scanned = d.key(key, at);
      if (scanned === null) return;
      const field = before && before.el === e.target ? before : null;
      const typed = field ? { value: field.el.value, caret: field.el.selectionStart } : null;
      if (field) setFieldValue(field.el, field.value, field.caret);
      if (onScan(scanned) === false) {
        if (field && typed) setFieldValue(field.el, typed.value, typed.caret);
        return;
      }
      // The scanner's Enter must not submit the form, nor its Tab move the focus.
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    d.key(key, at);
    if (key === GS) e.preventDefault();
    if (d.size() === 1) before = isEditable(e.target) ? { el: e.target, value: e.target.value, caret: e.target.selectionStart } : null;
  };
  document.addEventListener('keydown', handler, true);
  return () => document.removeEventListener('keydown', handler, true);
}
