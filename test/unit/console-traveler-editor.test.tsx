// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FloorboardDB } from '../../app/db';
import { setLanguage } from '../../app/i18n';
import { ConsoleContext, type ConsoleContextValue } from '../../app/screens/console/console-context';
import { DocumentsSection } from '../../app/screens/console/travelers/DocumentsSection';
import { TravelerEditor } from '../../app/screens/console/travelers/TravelerEditor';
import { mutateLocal } from '../../app/sync/local';
import { IDS, makeDocument, makeTraveler, makeUser, makeWorkOrder } from '../fakes/builders';
import { mount, q } from '../support/mount';

let n = 0;
let open: FloorboardDB | undefined;
afterEach(async () => {
  setLanguage('en');
  open?.close();
  await open?.delete();
  open = undefined;
});

/** A console replica with the standard job at traveler revision C, its mutations applied by the app's own local apply. */
async function consoleWith() {
  const db = await openDatabase(`console-trv-${process.pid}-${++n}`);
  open = db;
  await db.entity('users').put(makeUser({ id: IDS.coordinator, name: 'Cora', role: 'coordinator', stationIds: [] }));
  await db.entity('workOrders').put(makeWorkOrder());
  await db
    .entity('documents')
    .bulkPut([
      makeDocument({ id: 'doc-a', number: 'DWG-778', revision: 'A', status: 'superseded' }),
      makeDocument({ id: 'doc-b', number: 'DWG-778', revision: 'B', status: 'released' }),
      makeDocument({ id: 'wi-1', number: 'WI-12', title: 'Setup sheet', revision: '1', status: 'released', contentType: 'text/markdown', bytes: 2400 }),
      makeDocument({ id: 'wi-2', number: 'WI-12', title: 'Setup sheet', revision: '2', status: 'draft', contentType: 'text/markdown', bytes: 2600 }),
    ]);
  await db.entity('travelers').put(makeTraveler({ documentIds: ['doc-a', 'wi-1'], flags: ['npi'], notes: 'Deburr by hand' }));
  const value = {
    db: () => db,
    nameOf: (id: string) => (id === IDS.coordinator ? 'Cora' : id),
    stationName: (id: string) => ({ [IDS.saw]: 'Saw 1', [IDS.mill]: 'Mill 1' })[id] ?? id,
    mutate: async (name: string, args: unknown) => (await mutateLocal(db, { kind: 'console' }, name, args, IDS.coordinator, '2026-12-02T08:00:00.000Z')).result,
  } as unknown as ConsoleContextValue;
  return { db, value };
}

const until = async (fn: () => unknown) => expect.poll(fn, { timeout: 3000, interval: 20 }).toBeTruthy();

describe('the traveler editor (T1, T6)', () => {
  it('[T1] starts from the released revision, suggests the next, and releasing supersedes it and asks the routing to acknowledge', async () => {
    const { db, value } = await consoleWith();
    const el = mount(() => (
      <ConsoleContext.Provider value={value}>
        <TravelerEditor workOrder={makeWorkOrder()} onClose={() => undefined} />
      </ConsoleContext.Provider>
    ));
    await until(() => q(el, 'traveler-current')?.textContent?.startsWith('Released now: revision C'));
    expect((q(el, 'traveler-revision') as HTMLInputElement).value).toBe('D');
    // The superseded drawing is not carried over, and the editor says so; the released one is offered.
    await until(() => q(el, 'traveler-dropped'));
    expect(q(el, 'traveler-dropped')!.textContent).toContain('DWG-778 rev A on the current traveler is no longer released');
    const docs = [...el.querySelectorAll<HTMLElement>('[data-testid="traveler-doc"]')];
    expect(docs.map((d) => [d.dataset.number, d.querySelector('input')!.checked])).toEqual([
      ['DWG-778', false],
      ['WI-12', true],
    ]);
    expect((el.querySelector('[data-flag="npi"] input') as HTMLInputElement).checked).toBe(true);
    expect((q(el, 'traveler-notes') as HTMLTextAreaElement).value).toBe('Deburr by hand');

    expect(q(el, 'traveler-picked')!.textContent).toBe('Attached: WI-12 rev 1.');
    docs[0]!.querySelector('input')!.click();
    expect(q(el, 'traveler-picked')!.textContent).toBe('Attached: WI-12 rev 1, DWG-778 rev B.');
    q(el, 'traveler-release')!.click();
    await until(() => q(el, 'traveler-release-warning'));
    expect(q(el, 'traveler-release-warning')!.textContent).toBe(
      'Revision D replaces revision C at once. The stations on the routing (Saw 1, Mill 1) must acknowledge the change; work recorded on revision C is flagged.',
    );
    q(el, 'traveler-release-confirm')!.click();
    await until(() => q(el, 'traveler-release-result'));
    expect(q(el, 'traveler-release-result')!.textContent).toBe(
      'WO-10042 traveler revision D is released and revision C superseded; 2 stations are asked to acknowledge it.',
    );
    const travelers = await db.entity('travelers').toArray();
    expect(travelers.map((x) => [x.revision, x.status]).sort()).toEqual([
      ['C', 'superseded'],
      ['D', 'released'],
    ]);
    expect(travelers.find((x) => x.revision === 'D')).toMatchObject({ documentIds: ['wi-1', 'doc-b'], flags: ['npi'], notes: 'Deburr by hand' });
    const [change] = await db.entity('scheduleChanges').toArray();
    expect(change).toMatchObject({ kind: 'revision', requiresAck: true, stationIds: [IDS.saw, IDS.mill] });
    // The next release would be E: the form starts over from the new revision.
    await until(() => (q(el, 'traveler-revision') as HTMLInputElement).value === 'E');
  });

  it('[T1] a revision the work order already has is refused in words next to the button', async () => {
    const { value } = await consoleWith();
    const el = mount(() => (
      <ConsoleContext.Provider value={value}>
        <TravelerEditor workOrder={makeWorkOrder()} onClose={() => undefined} />
      </ConsoleContext.Provider>
    ));
    await until(() => q(el, 'traveler-current')?.textContent?.startsWith('Released now'));
    const rev = q(el, 'traveler-revision') as HTMLInputElement;
    rev.value = 'C';
    rev.dispatchEvent(new Event('input', { bubbles: true }));
    q(el, 'traveler-release')!.click();
    q(el, 'traveler-release-confirm')!.click();
    await until(() => q(el, 'traveler-release-result'));
    expect(q(el, 'traveler-release-result')!.textContent).toContain('This work order already has a traveler at that revision.');
  });
});

describe('the documents section (T2, L1)', () => {
  it('[T2] lists every revision in words and releases a draft after a confirm, superseding the released one', async () => {
    const { db, value } = await consoleWith();
    const el = mount(() => (
      <ConsoleContext.Provider value={value}>
        <DocumentsSection />
      </ConsoleContext.Provider>
    ));
    await until(() => el.querySelectorAll('[data-testid="document-row"]').length === 4);
    const row = el.querySelector<HTMLElement>('[data-testid="document-row"][data-number="WI-12"][data-revision="2"]')!;
    expect(row.textContent).toBe('WI-12Setup sheet2DraftMarkdown text · 2.6 kBRelease');
    row.querySelector<HTMLButtonElement>('[data-testid="doc-release-ask"]')!.click();
    expect(row.querySelector('[data-testid="doc-release-confirm"]')!.textContent).toBe('Release rev 2, superseding rev 1');
    row.querySelector<HTMLButtonElement>('[data-testid="doc-release-confirm"]')!.click();
    await until(() => q(el, 'doc-release-result'));
    expect(q(el, 'doc-release-result')!.textContent).toBe(
      'WI-12 rev 2 is released; rev 1 is superseded. Release the travelers that list rev 1 again with rev 2.',
    );
    expect((await db.entity('documents').bulkGet(['wi-1', 'wi-2'])).map((d) => d!.status)).toEqual(['superseded', 'released']);
  });

  it('[T2] a file of another kind is refused in words before anything is sent; the next revision of a known number is suggested', async () => {
    const { value } = await consoleWith();
    setLanguage('es');
    const el = mount(() => (
      <ConsoleContext.Provider value={value}>
        <DocumentsSection />
      </ConsoleContext.Provider>
    ));
    await until(() => el.querySelectorAll('[data-testid="document-row"]').length === 4);
    const input = q(el, 'doc-file') as HTMLInputElement;
    const pick = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    pick(new File(['# Setup'], 'WI-12 Setup sheet.md', { type: 'text/markdown' }));
    expect((q(el, 'doc-number') as HTMLInputElement).value).toBe('WI-12');
    expect((q(el, 'doc-revision') as HTMLInputElement).value).toBe('3');
    expect(q(el, 'doc-revision-hint')!.textContent).toBe('WI-12 ya tiene las revisiones 2, 1; la siguiente es 3.');
    pick(new File(['x'], 'model.step'));
    q(el, 'doc-upload-form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => q(el, 'doc-upload-result'));
    expect(q(el, 'doc-upload-result')!.textContent).toBe('model.step no puede ser un documento: solo se admiten archivos PDF, PNG, JPEG y Markdown (.md).');
  });
});
