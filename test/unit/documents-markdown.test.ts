// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../app/components/documents/markdown';

describe('Markdown documents through the sanitizer (X1)', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# Setup\n\n1. Clamp **firmly**\n\n[spec](https://example.com/spec)');
    expect(html).toContain('<h1>Setup</h1>');
    expect(html).toContain('<strong>firmly</strong>');
    expect(html).toContain('href="https://example.com/spec"');
  });

  it.each([
    ['a script element', '<script>alert(1)</script>\n\ntext', /<script|alert/i],
    ['an onerror handler', '<img src="x.png" onerror="alert(1)">', /onerror|alert/i],
    ['an onclick handler', '<p onclick="alert(1)">tap</p>', /onclick|alert/i],
    ['a javascript: link in Markdown', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|<script/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /iframe/i],
    ['an svg with a handler', '<svg onload="alert(1)"><circle/></svg>', /svg|onload/i],
    ['a style element', '<style>body{display:none}</style>', /<style/i],
  ])('[X1] removes %s', (_name, md, bad) => {
    expect(renderMarkdown(md)).not.toMatch(bad);
  });
});
