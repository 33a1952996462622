import { For } from 'solid-js';

export interface NoteView {
  id: string;
  text: string;
  author: string;
  at: string;
}

export interface NotesPanelProps {
  notes: NoteView[];
  draft: string;
  busy: boolean;
  onDraft: (text: string) => void;
  onSubmit: () => void;
}

/** The station's shift notes, newest first, and a box to add one. */
export function NotesPanel(props: NotesPanelProps) {
  return (
    <section class="panel" data-testid="notes-panel">
      <h2>Shift notes</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (props.draft.trim()) props.onSubmit();
        }}
      >
        <label for="note-text">New note</label>
        <textarea id="note-text" data-testid="note-text" maxLength={4000} value={props.draft} onInput={(e) => props.onDraft(e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="note-submit" disabled={props.busy || !props.draft.trim()}>
            Add note
          </button>
        </div>
      </form>
      <ul style={{ padding: 0, 'list-style': 'none' }} data-testid="notes-list">
        <For each={props.notes} fallback={<li class="muted">No notes for this station yet.</li>}>
          {(n) => (
            <li data-testid="note-item" style={{ 'border-top': '2px solid #c9d3dd', padding: '10px 0' }}>
              <div style={{ 'white-space': 'pre-wrap' }}>{n.text}</div>
              <div class="muted" style={{ 'font-size': '.85rem' }}>
                {n.author} · {new Date(n.at).toLocaleString([], { hour12: false })}
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
