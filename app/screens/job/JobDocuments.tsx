import { For, Show } from 'solid-js';
import { t } from '../../i18n';
import type { JobDocumentRow } from './job-model';

export interface JobDocumentsProps {
  workOrderId: string;
  documents: JobDocumentRow[];
}

/**
 * PLACEHOLDER for `<DocumentList workOrderId>` (app/components/documents/, built separately):
 * lists the released traveler's documents by title from the replica. When that component lands,
 * the job screen renders it here instead; this file then goes.
 */
export function JobDocuments(props: JobDocumentsProps) {
  return (
    <section class="panel" aria-labelledby="job-docs-h" data-testid="job-documents" data-work-order-id={props.workOrderId}>
      <h2 id="job-docs-h">{t('job.documents')}</h2>
      <Show when={props.documents.length} fallback={<p class="muted">{t('job.documentsNone')}</p>}>
        <ul class="job-list">
          <For each={props.documents}>
            {(d) => (
              <li data-testid="job-document" data-document-id={d.id}>
                <Show when={d.document} fallback={<span class="muted">{`${d.id} — ${t('job.documentMissing')}`}</span>}>
                  <strong>{d.document!.title}</strong> <span class="muted">{`${d.document!.number} rev ${d.document!.revision}`}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
