import { createSignal, For, Show } from 'solid-js';
import type { Document } from '../../../../shared/schema';
import { resultText } from '../../../components/outcome-text';
import { formatBytes, t } from '../../../i18n';
import { useAllDocuments } from '../../../queries/console-documents';
import { useConsole } from '../console-context';
import { ConfirmAction, EmptyRow, ResultLine } from '../console-controls';
import { DocumentUpload } from './DocumentUpload';
import { statusWord, typeWord } from './document-words';

/** T2: the plant's controlled documents: every revision, a new one uploaded, a draft released. */
export function DocumentsSection() {
  const c = useConsole();
  const documents = useAllDocuments(c.db);
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const releasedOf = (d: Document) => documents().find((o) => o.number === d.number && o.status === 'released' && o.id !== d.id);

  const release = async (d: Document) => {
    setConfirm(null);
    const previous = releasedOf(d);
    const r = await c.mutate('releaseDocument', { documentId: d.id });
    const done = previous ? t('travelers.docs.releasedReplacing', d.number, d.revision, previous.revision) : t('travelers.docs.released', d.number, d.revision);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, done, c.nameOf) });
  };

  return (
    <section class="grid-2 no-print" data-testid="documents-section" aria-labelledby="documents-heading">
      <div>
        <h2 id="documents-heading">{t('travelers.docs.title')}</h2>
        <ResultLine result={result()} testid="doc-release-result" />
        <table data-testid="documents-table">
          <thead>
            <tr>
              <th>{t('travelers.docs.number')}</th>
              <th>{t('travelers.docs.docTitle')}</th>
              <th>{t('travelers.docs.revision')}</th>
              <th>{t('travelers.docs.statusHead')}</th>
              <th>{t('travelers.docs.typeHead')}</th>
              <th>
                <span class="sr-only">{t('travelers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={documents()} fallback={<EmptyRow columns={6}>{t('travelers.docs.none')}</EmptyRow>}>
              {(d) => (
                <tr data-testid="document-row" data-number={d.number} data-revision={d.revision} data-status={d.status}>
                  <td>{d.number}</td>
                  <td>{d.title}</td>
                  <td>{d.revision}</td>
                  <td>{statusWord(d.status)}</td>
                  <td>
                    {typeWord(d.contentType)} · {formatBytes(d.bytes)}
                  </td>
                  <td>
                    <Show when={d.status === 'draft'}>
                      <ConfirmAction
                        testid="doc-release"
                        label={t('travelers.docs.release')}
                        confirmLabel={
                          releasedOf(d)
                            ? t('travelers.docs.releaseConfirmReplacing', d.revision, releasedOf(d)!.revision)
                            : t('travelers.docs.releaseConfirm', d.revision)
                        }
                        confirming={confirm() === d.id}
                        onAsk={() => setConfirm(d.id)}
                        onCancel={() => setConfirm(null)}
                        onConfirm={() => void release(d)}
                      />
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <DocumentUpload documents={documents()} />
    </section>
  );
}
