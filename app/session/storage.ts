import { createSignal } from 'solid-js';
import { formatBytes as formatSize, t } from '../i18n';

export interface StorageInfo {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

const [info, setInfo] = createSignal<StorageInfo>({ persisted: null, usage: null, quota: null });
export const storageInfo = info;

/** DESIGN §8: asks the browser not to evict our data, and reads how much we use. */
export async function refreshStorage(ask = false): Promise<void> {
  const s = navigator.storage;
  if (!s) return;
  let persisted: boolean | null = null;
  try {
    persisted = ask && s.persist ? await s.persist() : s.persisted ? await s.persisted() : null;
  } catch {
    persisted = null;
  }
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    const e = s.estimate ? await s.estimate() : undefined;
    usage = e?.usage ?? null;
    quota = e?.quota ?? null;
  } catch {
    // estimate() is missing on some embedded browsers; the screen says "unknown".
  }
  setInfo({ persisted, usage, quota });
}

export function formatBytes(n: number | null): string {
  return n === null ? t('status.unknown') : formatSize(n);
}
