import { createResource } from 'solid-js';

/**
 * A Markdown work instruction, rendered through the sanitizer (X1). The parser and the sanitizer
 * load with the first Markdown document opened, not with the app.
 */
export function MarkdownView(props: { bytes: ArrayBuffer }) {
  const [html] = createResource(
    () => props.bytes,
    async (bytes) => (await import('./markdown')).renderMarkdown(new TextDecoder().decode(bytes)),
  );
  return <article class="doc-markdown" data-testid="doc-markdown" innerHTML={html() ?? ''} />;
}
