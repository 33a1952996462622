import { createRoot, createSignal } from 'solid-js';

let source: () => number = () => Date.now();

/** The tablet's wall clock in epoch ms: sign-in lock-outs and the idle sign-out read it, so tests can drive it. */
export function clockNow(): number {
  return source();
}

/** Tests only: drive the wall clock (`undefined` restores the real one). */
export function setClockSource(fn: (() => number) | undefined): void {
  source = fn ?? (() => Date.now());
}

/** A coarse "now" for "2 min ago" texts, ticking every 15 s for all screens. */
export const now = createRoot(() => {
  const [t, setT] = createSignal(clockNow());
  if (typeof window !== 'undefined') setInterval(() => setT(clockNow()), 15_000);
  return t;
});
