/**
 * A2: switching user never loses unsaved input. Drafts live in localStorage keyed by person,
 * station and form, so they survive a user switch, an idle sign-out and a reload; the next person
 * starts blank and the first gets theirs back on return. They are cleared only when submitted.
 */
const PREFIX = 'floorboard.draft.';

/** The key of one person's draft of one form at one station. */
export function draftKey(userId: string, stationId: string, form: 'note' | 'qty'): string {
  return `${userId}.${stationId}.${form}`;
}

export function loadDraft<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? ({ ...fallback, ...(JSON.parse(raw) as T) } as T) : fallback;
  } catch {
    return fallback;
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full: the form still works, only the draft is not kept.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(PREFIX + key);
}
