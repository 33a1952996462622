import { createSignal, createRoot } from 'solid-js';
import { updateBlockedReason } from './update-gate';

/**
 * DESIGN §8: a new app version is offered, never forced, and never applied while the outbox has
 * changes waiting or someone is in the middle of a task (a half-typed quantity, an open form).
 */
const [updateReady, setUpdateReady] = createSignal(false);
const [offlineReady, setOfflineReady] = createSignal(
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && Boolean(navigator.serviceWorker.controller),
);
const [busy, setBusyMap] = createSignal<Record<string, boolean>>({});
let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

export { updateReady, offlineReady };

/** Marks (or clears) one ongoing task; the update waits while any is marked. */
export function setBusy(key: string, on: boolean): void {
  setBusyMap((m) => (Boolean(m[key]) === on ? m : { ...m, [key]: on }));
}

export const midTask = createRoot(() => () => Object.values(busy()).some(Boolean));

export { updateBlockedReason };

/** Registers the service worker (production builds only) and listens for a waiting version. */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => setOfflineReady(true));
  void navigator.serviceWorker.ready.then(() => setOfflineReady(true));
  const { registerSW } = await import('virtual:pwa-register');
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => setUpdateReady(true),
    onOfflineReady: () => setOfflineReady(true),
    onRegisteredSW(_url, reg) {
      // A tablet may stay open for weeks: look for a new version every 30 minutes.
      if (reg) setInterval(() => void reg.update().catch(() => undefined), 30 * 60_000);
    },
  });
}

/** Activates the waiting version and reloads, if nothing blocks it. */
export async function applyAppUpdate(pending: number): Promise<boolean> {
  if (updateBlockedReason(pending, midTask()) || !applyUpdate) return false;
  await applyUpdate(true);
  // registerSW reloads when the new worker takes control; if this page was never controlled that
  // event does not come, so reload ourselves shortly after.
  setTimeout(() => window.location.reload(), 2_000);
  return true;
}
