import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { DocumentViewer } from '../../components/documents/DocumentViewer';
import { tabletBlobs, tabletPacketState } from '../../documents/runtime';
import { t } from '../../i18n';
import { useDocument } from '../../queries/documents';
import { useTablet } from '../shell/tablet-context';

/** One document full screen (/document/:documentId), from the bytes on the tablet. */
export function DocumentScreen() {
  const tablet = useTablet();
  const params = useParams<{ documentId: string }>();
  const found = useDocument(tablet.db, () => params.documentId);
  const doc = () => found()[0];
  // Read again when the packet brings the file while the screen is open.
  const source = () => {
    const db = tablet.db();
    const d = doc();
    return db && d ? { db, sha: d.sha256, held: tabletPacketState().held.has(d.sha256) } : undefined;
  };
  const [bytes] = createResource(source, async ({ db, sha }) => (await (await (await tabletBlobs(db)).get(sha))?.data.arrayBuffer()) ?? null);

  return (
    <main class="doc-screen" data-testid="document-screen">
      <div class="doc-head">
        <button type="button" class="btn" data-testid="doc-back" onClick={() => history.back()}>
          {t('documents.back')}
        </button>
        <h1>
          <Show when={doc()} fallback={t('documents.unknown')}>
            {doc()!.title} · {doc()!.number} · {t('documents.revision', doc()!.revision)}
          </Show>
        </h1>
      </div>
      <Show when={doc() && bytes.state === 'ready'}>
        <DocumentViewer document={doc()!} bytes={bytes() ?? null} />
      </Show>
    </main>
  );
}
