import { createSignal, Show } from 'solid-js';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/domain/mutators/documents';
import { newId } from '../../../../shared/ids';
import type { Document } from '../../../../shared/schema';
import { resultText, sentenceFor } from '../../../components/outcome-text';
import { formatBytes, t } from '../../../i18n';
import { useConsole } from '../console-context';
import { uploadBlob } from './blob-upload';
import { typeWord } from './document-words';
import { fromFileName, headMatches, nextRevision, typeFromName } from './revisions';

type Status = { state: 'working' | 'ok' | 'bad'; text: string } | null;

/**
 * T2: a new document or a new revision of one: the file's bytes go to `PUT /api/blobs`, then
 * `createDocument` names them as a draft. Each step and its result is said in words beside the form.
 */
export function DocumentUpload(props: { documents: Document[] }) {
  const c = useConsole();
  const [file, setFile] = createSignal<File | null>(null);
  const [number, setNumber] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [revision, setRevision] = createSignal('');
  const [revisionTyped, setRevisionTyped] = createSignal(false);
  const [status, setStatus] = createSignal<Status>(null);
  let input: HTMLInputElement | undefined;

  const suggested = (n: string) => nextRevision(props.documents.filter((d) => d.number === n.trim()).map((d) => d.revision));
  const shownRevision = () => (revisionTyped() ? revision() : suggested(number()));
  const existing = () => props.documents.filter((d) => d.number === number().trim());

  const pick = (f: File | undefined) => {
    setFile(f ?? null);
    setStatus(null);
    if (!f) return;
    const guess = fromFileName(f.name);
    setNumber(guess.number);
    setTitle(guess.title);
    setRevisionTyped(false);
  };

  /** Why this file cannot be a document, before any byte is sent; null when it may go. */
  const refusal = async (f: File): Promise<string | null> => {
    const type = typeFromName(f.name);
    if (!type) return t('travelers.docs.wrongType', f.name);
    if (f.size === 0) return t('travelers.docs.empty', f.name);
    if (f.size > MAX_DOCUMENT_BYTES) return t('travelers.docs.tooBig', f.name, formatBytes(f.size), formatBytes(MAX_DOCUMENT_BYTES));
    const head = new Uint8Array(await f.slice(0, 8).arrayBuffer());
    return headMatches(type, head) ? null : t('travelers.docs.notWhatItSays', f.name, typeWord(type));
  };

  const submit = async () => {
    const f = file();
    if (!f) return;
    const rev = shownRevision().trim();
    const refused = await refusal(f);
    if (refused) return setStatus({ state: 'bad', text: refused });
    setStatus({ state: 'working', text: t('travelers.docs.sending', f.name, formatBytes(f.size)) });
    const up = await uploadBlob(f);
    if (!up.ok) {
      const why = up.code === 'body-too-large' ? t('travelers.docs.tooBigForServer', f.name, formatBytes(f.size)) : sentenceFor(up.code, up.message);
      return setStatus({ state: 'bad', text: t('travelers.docs.notSent', f.name, why) });
    }
    const stored = up.value;
    const claimed = typeFromName(f.name)!;
    if (stored.contentType !== claimed) {
      return setStatus({ state: 'bad', text: t('travelers.docs.notWhatItSays', f.name, typeWord(claimed)) });
    }
    setStatus({ state: 'working', text: t('travelers.docs.recording', typeWord(stored.contentType), formatBytes(stored.bytes)) });
    const r = await c.mutate('createDocument', {
      id: newId(),
      number: number().trim(),
      title: title().trim(),
      revision: rev,
      contentType: stored.contentType,
      sha256: stored.sha256,
      bytes: stored.bytes,
    });
    const done = t('travelers.docs.created', number().trim(), rev, typeWord(stored.contentType), formatBytes(stored.bytes));
    setStatus({ state: r.outcome === 'applied' ? 'ok' : 'bad', text: resultText(r, done, c.nameOf) });
    if (r.outcome === 'applied') {
      setFile(null);
      setNumber('');
      setTitle('');
      setRevisionTyped(false);
      if (input) input.value = '';
    }
  };

  const ready = () => file() !== null && number().trim() !== '' && title().trim() !== '' && shownRevision().trim() !== '';

  return (
    <form
      class="panel"
      data-testid="doc-upload-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('travelers.docs.uploadTitle')}</h3>
      <label for="doc-file">{t('travelers.docs.file')}</label>
      <input
        id="doc-file"
        data-testid="doc-file"
        type="file"
        ref={input}
        accept=".pdf,.png,.jpg,.jpeg,.md,.markdown,application/pdf,image/png,image/jpeg,text/markdown"
        onChange={(e) => pick(e.currentTarget.files?.[0])}
      />
      <p class="muted">{t('travelers.docs.kinds')}</p>
      <div class="field-row">
        <div>
          <label for="doc-number">{t('travelers.docs.number')}</label>
          <input id="doc-number" data-testid="doc-number" maxLength={64} value={number()} onInput={(e) => setNumber(e.currentTarget.value)} />
        </div>
        <div>
          <label for="doc-revision">{t('travelers.docs.revision')}</label>
          <input
            id="doc-revision"
            data-testid="doc-revision"
            maxLength={16}
            value={shownRevision()}
            onInput={(e) => {
              setRevisionTyped(true);
              setRevision(e.currentTarget.value);
            }}
          />
        </div>
      </div>
      <Show when={existing().length > 0}>
        <p class="muted" data-testid="doc-revision-hint">
          {t(
            'travelers.docs.revisionHint',
            number().trim(),
            existing()
              .map((d) => d.revision)
              .join(', '),
            suggested(number()),
          )}
        </p>
      </Show>
      <label for="doc-title">{t('travelers.docs.docTitle')}</label>
      <input id="doc-title" data-testid="doc-title" maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      <Show when={status()}>
        <p
          class={`msg ${status()!.state === 'ok' ? 'msg-ok' : status()!.state === 'bad' ? 'msg-bad' : 'msg-warn'}`}
          role="status"
          data-testid="doc-upload-result"
          data-state={status()!.state}
        >
          {status()!.text}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid="doc-upload-submit" disabled={!ready() || status()?.state === 'working'}>
          {t('travelers.docs.upload')}
        </button>
      </div>
    </form>
  );
}
