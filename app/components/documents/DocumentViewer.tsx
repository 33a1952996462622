import { Match, Switch } from 'solid-js';
import type { Document } from '../../../shared/schema';
import { t } from '../../i18n';
import { ImageView } from './ImageView';
import { MarkdownView } from './MarkdownView';
import { PdfView } from './PdfView';
import './documents.css';

export interface DocumentViewerProps {
  document: Pick<Document, 'title' | 'number' | 'revision' | 'contentType'>;
  /** The file's bytes; null when it is not on the tablet yet. */
  bytes: ArrayBuffer | null;
}

/** Shows one document from the bytes held on the tablet: PDF, PNG/JPEG or Markdown (T2, T3). */
export function DocumentViewer(props: DocumentViewerProps) {
  return (
    <Switch>
      <Match when={!props.bytes}>
        <p class="doc-message" data-testid="doc-not-on-tablet">
          {t('documents.notOnTablet')}
        </p>
      </Match>
      <Match when={props.document.contentType === 'application/pdf'}>
        <PdfView bytes={props.bytes!} />
      </Match>
      <Match when={props.document.contentType === 'image/png' || props.document.contentType === 'image/jpeg'}>
        <ImageView bytes={props.bytes!} contentType={props.document.contentType} />
      </Match>
      <Match when={props.document.contentType === 'text/markdown'}>
        <MarkdownView bytes={props.bytes!} />
      </Match>
    </Switch>
  );
}
