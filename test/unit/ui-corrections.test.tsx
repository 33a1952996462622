// @vitest-environment jsdom
import { createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { OperationCard } from '../../app/components/OperationCard';
import { QuantityForm, type QuantityDraft } from '../../app/components/QuantityForm';
import type { QueueItem } from '../../app/queries/queue';
import { makeHold, makeOperation, makeWorkOrder } from '../fakes/builders';
import { mount, q } from '../support/mount';

const type = (el: HTMLElement, id: string, text: string) => {
  const input = q(el, id) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
};

/** The form with its draft held the way the station screen holds it. */
function form(o: { remaining?: number; start?: Partial<QuantityDraft> } = {}) {
  const onSubmit = vi.fn();
  const el = mount(() => {
    const [draft, setDraft] = createSignal<QuantityDraft>({ good: '', scrap: '', scrapReason: '', ...o.start });
    return (
      <QuantityForm
        draft={draft()}
        reasons={[{ code: 'BURR', label: 'Burrs' }]}
        busy={false}
        remaining={o.remaining}
        onChange={setDraft}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />
    );
  });
  const submit = () => (q(el, 'qty-form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  return { el, onSubmit, submit };
}

describe('QuantityForm refuses a bad value next to its field and queues nothing', () => {
  it.each([
    ['2.5', 'Whole parts only, 0 to 1,000,000.'],
    ['-5', 'Whole parts only, 0 to 1,000,000.'],
    ['12345678901234567890', 'At most 1,000,000 parts in one report.'],
    ['1000001', 'At most 1,000,000 parts in one report.'],
    ['ten', 'Whole parts only, 0 to 1,000,000.'],
  ])('good %j → "%s" under the good field, nothing submitted', (text, words) => {
    const { el, onSubmit, submit } = form();
    type(el, 'qty-good', text);
    // Kept as typed: never stripped to 25 or 5.
    expect((q(el, 'qty-good') as HTMLInputElement).value).toBe(text);
    const error = q(el, 'qty-good-error')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(words);
    expect(q(el, 'qty-good')!.getAttribute('aria-invalid')).toBe('true');
    expect(q(el, 'qty-scrap-error')!.hidden).toBe(true);
    expect((q(el, 'qty-submit') as HTMLButtonElement).disabled).toBe(true);
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('the scrap field says its own error', () => {
    const { el } = form();
    type(el, 'qty-good', '3');
    type(el, 'qty-scrap', '1.5');
    expect(q(el, 'qty-good-error')!.hidden).toBe(true);
    expect(q(el, 'qty-scrap-error')!.textContent).toBe('Whole parts only, 0 to 1,000,000.');
  });

  it('the fields ask for a numeric keypad', () => {
    const { el } = form();
    expect(q(el, 'qty-good')!.getAttribute('inputmode')).toBe('numeric');
    expect(q(el, 'qty-scrap')!.getAttribute('inputmode')).toBe('numeric');
  });

  it('a good whole number submits at once when within what is left', () => {
    const { el, onSubmit, submit } = form({ remaining: 10 });
    type(el, 'qty-good', '7');
    expect(q(el, 'qty-good-error')!.hidden).toBe(true);
    submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(q(el, 'qty-confirm')).toBeNull();
  });

  it('more than what is left asks once, next to the button; yes saves', () => {
    const { el, onSubmit, submit } = form({ remaining: 4 });
    type(el, 'qty-good', '6');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(q(el, 'qty-confirm')!.textContent).toContain('6 parts is more than the 4 still to make. Save anyway?');
    expect(q(el, 'qty-submit')).toBeNull();
    q(el, 'qty-confirm-yes')!.click();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('"No, change it" goes back to the numbers without saving', () => {
    const { el, onSubmit, submit } = form({ remaining: 0 });
    type(el, 'qty-good', '1');
    submit();
    q(el, 'qty-confirm-no')!.click();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(q(el, 'qty-confirm')).toBeNull();
    expect(q(el, 'qty-submit')).not.toBeNull();
  });

  it('the steppers refuse to go below 0', () => {
    const { el } = form();
    q(el, 'qty-good-minus')!.click();
    expect((q(el, 'qty-good') as HTMLInputElement).value).toBe('0');
    q(el, 'qty-good-plus')!.click();
    expect((q(el, 'qty-good') as HTMLInputElement).value).toBe('1');
  });
});

describe('OperationCard: results, reasons and the complete confirm on the card', () => {
  const item = (o: { good?: number; status?: 'pending' | 'running'; held?: boolean } = {}): QueueItem => ({
    id: 'op-1',
    operation: makeOperation({ status: o.status ?? 'running', good: o.good ?? 0 }),
    workOrder: makeWorkOrder(),
    hold: o.held ? makeHold() : undefined,
  });
  const handlers = () => ({ onStart: vi.fn(), onPause: vi.fn(), onComplete: vi.fn(), onReport: vi.fn() });

  it('completing with 0 good asks once; yes completes, no does not', () => {
    const h = handlers();
    const el = mount(() => <OperationCard item={item()} busy={false} pauseReasons={[]} {...h} />);
    q(el, 'op-complete')!.click();
    expect(h.onComplete).not.toHaveBeenCalled();
    expect(q(el, 'op-complete-confirm')!.textContent).toContain('No good parts are reported');
    q(el, 'op-complete-no')!.click();
    expect(q(el, 'op-complete-confirm')).toBeNull();
    q(el, 'op-complete')!.click();
    q(el, 'op-complete-yes')!.click();
    expect(h.onComplete).toHaveBeenCalledTimes(1);
  });

  it('with good parts reported, complete needs no confirm', () => {
    const h = handlers();
    const el = mount(() => <OperationCard item={item({ good: 3 })} busy={false} pauseReasons={[]} {...h} />);
    q(el, 'op-complete')!.click();
    expect(h.onComplete).toHaveBeenCalledTimes(1);
  });

  it('the result of a tap shows on the card, with OK to clear it', () => {
    const onDismiss = vi.fn();
    const el = mount(() => (
      <OperationCard
        item={item()}
        busy={false}
        pauseReasons={[]}
        {...handlers()}
        result={{ text: 'Not done: the job is on hold.', outcome: 'conflict' }}
        onDismissResult={onDismiss}
      />
    ));
    const r = q(q(el, 'queue-item')!, 'action-result')!;
    expect(r.textContent).toContain('Not done: the job is on hold.');
    expect(r.getAttribute('role')).toBe('alert');
    q(el, 'action-result-dismiss')!.click();
    expect(onDismiss).toHaveBeenCalled();
  });

  it.each([
    ['a hold', { held: true }, 'the job is on quality hold. Scrap can still be reported.'],
    ['a pending operation', { status: 'pending' as const }, 'Start the operation before you pause or complete it.'],
  ])('%s: a line of words under the buttons says why they are disabled', (_, o, words) => {
    const el = mount(() => <OperationCard item={item(o)} busy={false} pauseReasons={[]} {...handlers()} />);
    expect(q(el, 'op-why-disabled')!.textContent).toContain(words);
  });

  it('a running free operation has nothing disabled to explain', () => {
    const el = mount(() => <OperationCard item={item()} busy={false} pauseReasons={[]} {...handlers()} />);
    expect(q(el, 'op-why-disabled')).toBeNull();
  });
});
