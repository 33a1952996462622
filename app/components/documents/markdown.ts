import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * X1: a Markdown document as HTML that can run nothing: no script or style elements, no event
 * handler attributes, no `javascript:` or other non-plain URLs, no frames or forms. Marked passes
 * raw HTML through, so the sanitizer, not the parser, is what makes it safe.
 */
export function renderMarkdown(text: string, window?: Window): string {
  const html = marked.parse(text, { async: false, gfm: true });
  const purify = window ? DOMPurify(window as unknown as Parameters<typeof DOMPurify>[0]) : DOMPurify;
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/(?!\/))/i,
  });
}
