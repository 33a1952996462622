// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onScan } from '../../app/scan';
import { listenForScans } from '../../app/session/wedge';
import type { ParsedScan } from '../../shared/barcode';

// jsdom dispatches key events but types nothing: `press` does what the browser would after a
// keydown nobody prevented, so a field fills as it would on a tablet.
let clock = 0;
const now = () => clock;

function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const target = (document.activeElement ?? document.body) as HTMLElement;
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  if (!e.defaultPrevented && key.length === 1 && !init.ctrlKey && target instanceof HTMLInputElement) {
    target.value += key;
    target.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return e;
}

/** Types `text` one key every `gapMs`; `\x1d` goes as Ctrl+], as a wedge sends GS. Returns the terminator's event. */
function type(text: string, gapMs: number, end = 'Enter'): KeyboardEvent {
  for (const ch of text) {
    clock += gapMs;
    if (ch === '\x1d') press(']', { ctrlKey: true, code: 'BracketRight' });
    else press(ch);
  }
  clock += gapMs;
  return press(end);
}

let stops: (() => void)[] = [];
beforeEach(() => {
  clock = 1_000;
  document.body.innerHTML = '<form><input id="f" /></form>';
});
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

function listen(handler: (raw: string) => unknown = () => undefined) {
  const seen: string[] = [];
  stops.push(
    listenForScans(
      (raw) => {
        seen.push(raw);
        return handler(raw);
      },
      { now: () => now() },
    ),
  );
  return seen;
}

describe('[§9] the keyboard wedge', () => {
  it('a burst at scanner speed ending in Enter is a scan with no field focused', () => {
    const seen = listen();
    const enter = type('FB1|WO-241001|30|C', 5);
    expect(seen).toEqual(['FB1|WO-241001|30|C']);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('ends on Tab too, and the Tab does not move the focus', () => {
    const seen = listen();
    expect(type('B1001', 8, 'Tab').defaultPrevented).toBe(true);
    expect(seen).toEqual(['B1001']);
  });

  it.each([
    ['human speed', 'WO-241001', 120],
    ['a fast typist', 'WO-241001', 60],
    ['just over the average gap', 'WO-241001', 36],
    ['too short a burst', 'ABC', 5],
  ])('%s is not a scan', (_name, text, gap) => {
    const seen = listen();
    expect(type(text, gap).defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
  });

  it('a scanner on a busy tablet, with the odd late key, is still a scan', () => {
    const seen = listen();
    const gaps = [3, 80, 4, 45, 5, 3, 55, 4, 4, 6];
    for (const [i, ch] of [...'WO-241001'].entries()) {
      clock += gaps[i]!;
      press(ch);
    }
    clock += gaps[9]!;
    expect(press('Enter').defaultPrevented).toBe(true);
    expect(seen).toEqual(['WO-241001']);
  });

  it('one key much later than the one before starts a new burst', () => {
    const seen = listen();
    for (const [i, ch] of [...'XY1234'].entries()) {
      clock += i === 2 ? 200 : 5;
      press(ch);
    }
    clock += 5;
    press('Enter');
    expect(seen).toEqual(['1234']);
  });

  it('a pause before Enter makes it typing, not a scan', () => {
    const seen = listen();
    for (const ch of 'WO-241001') {
      clock += 5;
      press(ch);
    }
    clock += 300;
    expect(press('Enter').defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
  });

  it('GS arrives as Ctrl+] and stays in the scan', () => {
    const seen = listen();
    type('FB1\x1dWO-241001\x1d30\x1dC', 4);
    expect(seen).toEqual(['FB1\x1dWO-241001\x1d30\x1dC']);
  });

  it('GS as a key of its own (key "\\x1d", or keyCode 29) counts too', () => {
    const seen = listen();
    for (const k of ['F', 'B', '1']) {
      clock += 4;
      press(k);
    }
    clock += 4;
    press('\x1d');
    for (const k of 'WO-1') {
      clock += 4;
      press(k);
    }
    clock += 4;
    press('Unidentified', { keyCode: 29 });
    clock += 4;
    press('A');
    clock += 4;
    press('Enter');
    expect(seen).toEqual(['FB1\x1dWO-1\x1dA']);
  });

  it('Ctrl chords are not characters of a scan', () => {
    const seen = listen();
    for (const k of ['W', 'O', 'c', '1', '2']) {
      clock += 4;
      press(k, { ctrlKey: k === 'c' });
    }
    clock += 4;
    press('Enter');
    expect(seen).toEqual(['WO12']);
  });

  it('a scan into a focused field is taken back out of it, and does not submit the form', () => {
    const input = document.getElementById('f') as HTMLInputElement;
    input.value = 'kept';
    input.focus();
    let submitted = false;
    document.querySelector('form')!.addEventListener('submit', () => (submitted = true));
    const inputs: string[] = [];
    input.addEventListener('input', () => inputs.push(input.value));
    const seen = listen();
    const enter = type('WO-241001', 5);
    expect(seen).toEqual(['WO-241001']);
    expect(input.value).toBe('kept');
    expect(inputs.at(-1)).toBe('kept');
    expect(enter.defaultPrevented).toBe(true);
    expect(submitted).toBe(false);
  });

  it('typing into a focused field stays in it', () => {
    const input = document.getElementById('f') as HTMLInputElement;
    input.focus();
    const seen = listen();
    expect(type('B1001', 150).defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
    expect(input.value).toBe('B1001');
  });

  it('a handler that says the burst was typing (false) leaves it in the field', () => {
    const input = document.getElementById('f') as HTMLInputElement;
    input.focus();
    const seen = listen(() => false);
    expect(type('1357', 5).defaultPrevented).toBe(false);
    expect(seen).toEqual(['1357']);
    expect(input.value).toBe('1357');
  });
});

describe('[§9] onScan: one feed for every screen', () => {
  it('the newest handler gets the parsed scan; when it leaves, the one before gets the next', () => {
    // The hub's wedge reads the event's time stamp: give the events real scanner-speed stamps.
    const got: [string, ParsedScan][] = [];
    const stopShell = onScan((_raw, parsed) => void got.push(['shell', parsed]));
    const stopScreen = onScan((raw) => void got.push(['screen', { kind: 'unknown', raw }]));
    stops.push(stopShell);
    const burst = (text: string) => {
      let at = performance.now();
      for (const ch of `${text}\n`) {
        at += 3;
        const e = new KeyboardEvent('keydown', { key: ch === '\n' ? 'Enter' : ch, bubbles: true, cancelable: true });
        Object.defineProperty(e, 'timeStamp', { value: at });
        document.body.dispatchEvent(e);
      }
    };
    burst('K7Q2M9XA');
    stopScreen();
    burst('FB1|WO-241001|30|C');
    expect(got).toEqual([
      ['screen', { kind: 'unknown', raw: 'K7Q2M9XA' }],
      ['shell', { kind: 'traveler', workOrder: 'WO-241001', seq: 30, revision: 'C' }],
    ]);
  });
});
