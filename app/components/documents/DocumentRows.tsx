import { For, Show } from 'solid-js';
import type { Document } from '../../../shared/schema';
import { t } from '../../i18n';
import './documents.css';

type Row = Pick<Document, 'id' | 'number' | 'title' | 'revision' | 'status' | 'sha256'>;

export interface DocumentRowsProps {
  /** null: the work order has no released traveler on this tablet. */
  documents: readonly Row[] | null;
  isHeld: (sha256: string) => boolean;
  onOpen: (documentId: string) => void;
}

/** A work order's documents with number, revision and whether each is on the tablet (T3). */
export function DocumentRows(props: DocumentRowsProps) {
  const state = (d: Row) =>
    d.status === 'superseded' ? t('documents.superseded') : props.isHeld(d.sha256) ? t('documents.onTablet') : t('documents.notOnTablet');
  return (
    <section class="panel" data-testid="document-list">
      <h2>{t('documents.title')}</h2>
      <Show when={props.documents} fallback={<p class="muted">{t('documents.noTraveler')}</p>}>
        <ul class="doc-list">
          <For each={props.documents!} fallback={<li class="muted">{t('documents.none')}</li>}>
            {(d) => (
              <li>
                <button
                  type="button"
                  class="btn"
                  data-testid="document-row"
                  data-document-id={d.id}
                  data-on-tablet={props.isHeld(d.sha256) ? 'yes' : 'no'}
                  aria-label={t('documents.open', d.title)}
                  onClick={() => props.onOpen(d.id)}
                >
                  <span>
                    {d.title} · {d.number} · {t('documents.revision', d.revision)}
                  </span>
                  <span class="doc-state">{state(d)}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
