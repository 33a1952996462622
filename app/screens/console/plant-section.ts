import type { PlantResponse } from '../../../shared/protocol';
import { sentenceFor } from '../../components/outcome-text';
import type { LoadFailure } from './list-load';

/** What a Plant tab section gets: the plant as the server lists it (empty while `loading` or after a failure), and a reload after each write. */
export interface PlantSection {
  plant: () => PlantResponse;
  /** True until the server's first answer, so an empty list says "Loading…" instead of "No … yet". */
  loading: () => boolean;
  /** Why the plant did not load, so an empty list says so (and offers Try again) instead of "No … yet". */
  failure: () => LoadFailure | null;
  reload: () => Promise<void>;
}

export type Outcome = { ok: true } | { ok: false; code: string; message: string };
export type Result = { ok: boolean; text: string } | null;

/** A failed write in words; a station still in use also says, in the server's words, what uses it. */
export function failureText(r: { code: string; message: string }): string {
  const sentence = sentenceFor(r.code, r.message);
  if (r.code !== 'station-in-use') return sentence;
  return `${sentence} ${r.message.charAt(0).toUpperCase()}${r.message.slice(1)}.`;
}
