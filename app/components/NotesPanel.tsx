import { For } from 'solid-js';
import { formatDateTime, t } from '../i18n';

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
      <h2>{t('notes.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (props.draft.trim()) props.onSubmit();
        }}
      >
        <label for="note-text">{t('notes.new')}</label>
        <textarea id="note-text" data-testid="note-text" maxLength={4000} value={props.draft} onInput={(e) => props.onDraft(e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="note-submit" disabled={props.busy || !props.draft.trim()}>
            {t('notes.add')}
          </button>
        </div>
      </form>
      <ul style={{ padding: 0, 'list-style': 'none' }} data-testid="notes-list">
        <For each={props.notes} fallback={<li class="muted">{t('notes.empty')}</li>}>
          {(n) => (
            <li data-testid="note-item" style={{ 'border-top': '2px solid #c9d3dd', padding: '10px 0' }}>
              <div style={{ 'white-space': 'pre-wrap' }}>{n.text}</div>
              <div class="muted" style={{ 'font-size': '.85rem' }}>
                {n.author} · {formatDateTime(n.at)}
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
