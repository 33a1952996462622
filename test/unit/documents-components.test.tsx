// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentRows } from '../../app/components/documents/DocumentRows';
import { DocumentViewer } from '../../app/components/documents/DocumentViewer';
import { ZoomBar } from '../../app/components/documents/ZoomBar';
import { PacketStatus } from '../../app/components/documents/PacketStatus';
import { EMPTY_PACKET } from '../../app/documents/packet';
import { setLanguage } from '../../app/i18n';
import { makeDocument } from '../support/documents';
import { mount, q } from '../support/mount';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
afterEach(() => setLanguage('en'));

describe('document components (T3, L1, L4, X1)', () => {
  it('[T3] the list gives title, number, revision and whether each document is on the tablet', () => {
    const opened: string[] = [];
    const docs = [
      makeDocument({ id: 'd1', title: 'Shaft', number: 'DWG-1', revision: 'C', sha256: A, bytes: 1 }),
      makeDocument({ id: 'd2', title: 'Setup', number: 'WI-7', revision: '2', sha256: B, bytes: 1 }),
    ];
    const el = mount(() => <DocumentRows documents={docs} isHeld={(s) => s === A} onOpen={(id) => opened.push(id)} />);
    const rows = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="document-row"]')];
    expect(rows.map((r) => r.textContent)).toEqual([
      'Shaft · DWG-1 · Rev. COn this tablet',
      'Setup · WI-7 · Rev. 2Not on this tablet yet — it downloads when the tablet is online',
    ]);
    rows[1]!.click();
    expect(opened).toEqual(['d2']);
  });

  it('[T3] says when the work order has no released traveler, in Spanish too', () => {
    setLanguage('es');
    const el = mount(() => <DocumentRows documents={null} isHeld={() => false} onOpen={() => undefined} />);
    expect(el.textContent).toContain('No hay una hoja de ruta liberada');
  });

  it('[T3] a document not on the tablet says so in words', () => {
    const el = mount(() => <DocumentViewer document={makeDocument({ id: 'd1', sha256: A, bytes: 1 })} bytes={null} />);
    expect(q(el, 'doc-not-on-tablet')?.textContent).toBe('Not on this tablet yet — it downloads when the tablet is online');
  });

  it('[X1] a Markdown document renders without its script or handlers', async () => {
    const md = new TextEncoder().encode('# Torque\n\n<img src="x" onerror="window.hit=1"><script>window.hit=1</script>\n\n[x](javascript:alert(1))');
    const el = mount(() => (
      <DocumentViewer document={makeDocument({ id: 'd1', sha256: A, bytes: 1, contentType: 'text/markdown' })} bytes={md.slice().buffer} />
    ));
    const article = q(el, 'doc-markdown')!;
    // The renderer loads on first use.
    for (let i = 0; i < 100 && !article.querySelector('h1'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(article.querySelector('h1')?.textContent).toBe('Torque');
    expect(article.querySelector('script')).toBeNull();
    expect(article.querySelector('[onerror]')).toBeNull();
    expect(article.innerHTML).not.toMatch(/javascript:/i);
  });

  it('[L4] packet progress in files and bytes, and what the documents take', () => {
    const packet = { ...EMPTY_PACKET, running: true, filesTotal: 4, filesDone: 1, bytesTotal: 4_000_000, bytesDone: 1_000_000, bytesHeld: 1_000_000 };
    const el = mount(() => <PacketStatus packet={packet} storageUsed={null} />);
    expect(el.textContent).toContain('1 of 4 files');
    expect(q(el, 'packet-progress')?.textContent).toBe('1 MB of 4 MB');
    expect(q(el, 'packet-note')?.textContent).toBe('Downloading…');
    expect(el.textContent).toContain('unknown');
  });

  it('[L2] the zoom bar pages within bounds, zooms by steps and names its glyph buttons', () => {
    const pages: number[] = [];
    const zooms: number[] = [];
    let fits = 0;
    const el = mount(() => <ZoomBar zoom={1} onZoom={(z) => zooms.push(z)} onFit={() => fits++} page={1} pages={3} onPage={(p) => pages.push(p)} />);
    const btn = (id: string) => q(el, id) as HTMLButtonElement;
    expect(btn('doc-prev').disabled).toBe(true);
    expect(btn('doc-next').disabled).toBe(false);
    expect(btn('doc-prev').getAttribute('aria-label')).toBe('Previous page');
    btn('doc-next').click();
    btn('doc-zoom-in').click();
    btn('doc-zoom-out').click();
    btn('doc-fit').click();
    expect(pages).toEqual([2]);
    expect(zooms).toEqual([1.25, 0.8]);
    expect(fits).toBe(1);
    expect(btn('doc-fit').hasAttribute('aria-label')).toBe(false);
    const image = mount(() => <ZoomBar zoom={1} onZoom={() => undefined} onFit={() => undefined} />);
    expect(q(image, 'doc-prev')).toBeNull();
  });
});
