import { renderMarkdown } from './markdown';

/** A Markdown work instruction, rendered through the sanitizer (X1). */
export function MarkdownView(props: { bytes: ArrayBuffer }) {
  const html = () => renderMarkdown(new TextDecoder().decode(props.bytes));
  return <article class="doc-markdown" data-testid="doc-markdown" innerHTML={html()} />;
}
