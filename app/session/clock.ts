import { createRoot, createSignal } from 'solid-js';

/** A coarse "now" for "2 min ago" texts, ticking every 15 s for all screens. */
export const now = createRoot(() => {
  const [t, setT] = createSignal(Date.now());
  if (typeof window !== 'undefined') setInterval(() => setT(Date.now()), 15_000);
  return t;
});
