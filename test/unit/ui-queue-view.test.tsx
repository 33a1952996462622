// @vitest-environment jsdom
import { createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueueMore } from '../../app/components/QueueMore';
import { setLanguage } from '../../app/i18n';
import { createListStore } from '../../app/queries/live';
import type { QueueItem } from '../../app/queries/queue';
import { NO_FILTER, type QueueFilter } from '../../app/queries/queue-filter';
import { createQueueView, QUEUE_PAGE, type QueueView } from '../../app/screens/station/queue-view';
import { makeOperation, makeWorkOrder } from '../fakes/builders';
import { mount, q } from '../support/mount';

const NOW = Date.parse('2026-11-21T12:00:30.000Z');
const item = (id: string, wo: Parameters<typeof makeWorkOrder>[0] = {}): QueueItem => {
  const workOrder = makeWorkOrder({ id: `wo-${id}`, number: `WO-${id}`, ...wo });
  return { id, operation: makeOperation({ id, workOrderId: workOrder.id }), workOrder, hold: undefined };
};
const ids = (items: readonly QueueItem[]) => items.map((i) => i.id);

/** The view over the store the screen's live query feeds (reconcile by id, in place), fed by the test. */
function setup(initial: QueueItem[]) {
  const [filter, setFilter] = createSignal<QueueFilter>(NO_FILTER);
  const [now, setNow] = createSignal(NOW);
  let view!: QueueView;
  let replica!: (items: QueueItem[]) => void;
  const dispose = createRoot((d) => {
    const store = createListStore<QueueItem>();
    replica = (items) => store.take(structuredClone(items));
    replica(initial);
    view = createQueueView(store, filter, now);
    return d;
  });
  return { view, replica, setFilter, setNow, dispose };
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
  setLanguage('en');
});
const use = (items: QueueItem[]) => {
  const s = setup(items);
  disposers.push(s.dispose);
  return s;
};

describe('the station queue view: what a keystroke, a replica change and the clock each re-run', () => {
  it('a keystroke or a chip tap re-runs the filter only: the sorted, prepared queue is the same object', () => {
    const s = use([item('a', { description: 'Bracket' }), item('b', { description: 'Plate' })]);
    const prepared = s.view.prepared();
    s.setFilter({ ...NO_FILTER, search: 'pla' });
    expect(ids(s.view.matching())).toEqual(['b']);
    s.setFilter({ ...NO_FILTER, search: 'pla', status: 'running' });
    expect(ids(s.view.matching())).toEqual([]);
    expect(s.view.prepared()).toBe(prepared);
  });

  it('a replica change that edits a work order in place is sorted and searched again', () => {
    const s = use([item('a', { description: 'Bracket', priority: 1 }), item('b', { description: 'Plate', priority: 2 })]);
    s.setFilter({ ...NO_FILTER, search: 'flange' });
    expect(s.view.matching()).toEqual([]);
    const prepared = s.view.prepared();
    s.replica([item('a', { description: 'Bracket', priority: 1 }), item('b', { description: 'Flange', priority: 0, version: 2 })]);
    expect(s.view.prepared()).not.toBe(prepared);
    expect(ids(s.view.matching())).toEqual(['b']);
    s.setFilter(NO_FILTER);
    expect(ids(s.view.listed())).toEqual(['b', 'a']);
  });

  it('a replica change of an operation in place, version or not, reaches the filter (the prepared queue follows each emission)', () => {
    const s = use([item('a'), item('b')]);
    s.setFilter({ ...NO_FILTER, status: 'running' });
    expect(s.view.matching()).toEqual([]);
    const [a, b] = [item('a'), item('b')];
    s.replica([a, { ...b, operation: { ...b.operation, status: 'running' } }]);
    expect(ids(s.view.matching())).toEqual(['b']);
  });

  it('work that turns late moves to the top within the minute; a tick inside the minute rebuilds nothing', () => {
    const s = use([item('soon', { priority: 1, dueAt: '2026-11-21T12:02:00.000Z' }), item('later', { priority: 5, dueAt: '2026-11-21T12:01:10.000Z' })]);
    expect(ids(s.view.listed())).toEqual(['soon', 'later']);
    const prepared = s.view.prepared();
    s.setNow(NOW + 20_000); // 12:00:50, the same minute
    expect(s.view.prepared()).toBe(prepared);
    s.setNow(NOW + 105_000); // 12:02:15, the minute 12:02: 'later' was due at 12:01:10, 'soon' at 12:02
    expect(ids(s.view.listed())).toEqual(['later', 'soon']);
    s.setFilter({ ...NO_FILTER, lateOnly: true });
    expect(ids(s.view.matching())).toEqual(['later']);
  });

  it(`lists ${QUEUE_PAGE} cards at first, a page more on each show more, and one page again under a new filter`, () => {
    const many = Array.from({ length: QUEUE_PAGE * 2 + 7 }, (_, i) => item(`op-${String(i).padStart(4, '0')}`, { description: i % 2 ? 'Plate' : 'Bracket' }));
    const s = use(many);
    expect(s.view.listed()).toHaveLength(QUEUE_PAGE);
    expect(s.view.matching()).toHaveLength(many.length);
    s.view.showMore();
    s.view.showMore();
    expect(ids(s.view.listed())).toEqual(ids(many));
    s.setFilter({ ...NO_FILTER, search: 'plate' });
    expect(s.view.listed()).toHaveLength(QUEUE_PAGE);
    expect(s.view.matching()).toHaveLength(QUEUE_PAGE + 3);
    s.view.showMore();
    expect(s.view.listed()).toHaveLength(QUEUE_PAGE + 3);
  });
});

describe('QueueMore: how many match beyond the cards, and the next page', () => {
  it('says how many of the matches are listed and offers the next page, at most what is left', () => {
    const onMore = vi.fn();
    const el = mount(() => <QueueMore listed={50} matching={1234} page={50} onMore={onMore} />);
    expect(q(el, 'queue-listed')!.textContent).toBe('50 of 1,234 matching jobs listed');
    expect(q(el, 'queue-show-more')!.textContent).toBe('Show 50 more');
    q(el, 'queue-show-more')!.click();
    expect(onMore).toHaveBeenCalledOnce();
    const rest = mount(() => <QueueMore listed={100} matching={107} page={50} onMore={onMore} />);
    expect(q(rest, 'queue-show-more')!.textContent).toBe('Show 7 more');
  });

  it('is not there when every match has its card', () => {
    const el = mount(() => <QueueMore listed={7} matching={7} page={50} onMore={() => undefined} />);
    expect(q(el, 'queue-more')).toBeNull();
  });

  it('speaks Spanish', () => {
    setLanguage('es');
    const el = mount(() => <QueueMore listed={50} matching={12345} page={50} onMore={() => undefined} />);
    expect(q(el, 'queue-listed')!.textContent).toBe('Se listan 50 de 12.345 trabajos que coinciden');
    expect(q(el, 'queue-show-more')!.textContent).toBe('Mostrar 50 más');
  });
});
