// @vitest-environment jsdom
import { createSignal, type JSX } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { EditableRow, EmptyNote, EmptyRow, RowEditForm } from '../../app/screens/console/console-controls';
import { mount, q } from '../support/mount';

/** Mounts rows in a table body, the only place a <tr> may stand. */
const mountRows = (rows: () => JSX.Element) =>
  mount(() => (
    <table>
      <tbody>{rows()}</tbody>
    </table>
  ));

describe('console EditableRow', () => {
  it('opens its editor in a row of its own under the values, as wide as the table, saying what it edits', () => {
    const [editing, setEditing] = createSignal(false);
    const el = mountRows(() => (
      <EditableRow
        testid="thing"
        data={{ 'data-id': 't1' }}
        columns={3}
        editing={editing()}
        actions={
          <button type="button" data-testid="thing-edit" onClick={() => setEditing(true)}>
            Change
          </button>
        }
        editor={<span data-testid="thing-fields">fields</span>}
      >
        <td>One</td>
        <td>Two</td>
      </EditableRow>
    ));
    expect(q(el, 'thing-editor')).toBeNull();
    q(el, 'thing-edit')!.click();
    const rows = el.querySelectorAll('tr');
    expect([...rows].map((r) => [r.dataset.testid, r.dataset.id])).toEqual([
      ['thing-row', 't1'],
      ['thing-editor', 't1'],
    ]);
    expect(rows[1]!.querySelector('td')!.colSpan).toBe(3);
    expect(q(el, 'thing-fields')!.closest('tr')).toBe(rows[1]!);
  });

  it('offers no actions on a read-only (retired) row', () => {
    const el = mountRows(() => (
      <EditableRow testid="thing" data={{}} columns={2} readOnly editing={false} actions={<button type="button" data-testid="thing-edit" />} editor={null}>
        <td>Old</td>
      </EditableRow>
    ));
    expect(q(el, 'thing-row')!.querySelectorAll('td')).toHaveLength(2);
    expect(q(el, 'thing-edit')).toBeNull();
  });

  it('saves on submit without leaving the page, and cancels', () => {
    const onSave = vi.fn();
    const onCancel = vi.fn();
    const el = mount(() => (
      <RowEditForm testid="thing-form" saveTestid="thing-save" canSave onSave={onSave} onCancel={onCancel}>
        <input />
      </RowEditForm>
    ));
    const submit = new Event('submit', { cancelable: true });
    q(el, 'thing-form')!.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(onSave).toHaveBeenCalledOnce();
    (el.querySelector('button[type="button"]') as HTMLButtonElement).click();
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('console EmptyRow', () => {
  it('says "Loading…" until the first answer, then what an empty list means', () => {
    const [loading, setLoading] = createSignal(true);
    const el = mountRows(() => (
      <EmptyRow columns={4} loading={loading()}>
        No shifts yet.
      </EmptyRow>
    ));
    expect(el.querySelector('td')!.textContent).toBe('Loading…');
    expect(q(el, 'list-loading')).not.toBeNull();
    setLoading(false);
    expect(el.querySelector('td')!.textContent).toBe('No shifts yet.');
    expect(el.querySelector('td')!.className).toBe('muted');
    expect(q(el, 'list-loading')).toBeNull();
  });

  it('says the same in a line of its own for a list that is not a table', () => {
    const [loading, setLoading] = createSignal(true);
    const el = mount(() => <EmptyNote loading={loading()}>No departments yet.</EmptyNote>);
    expect(el.textContent).toBe('Loading…');
    setLoading(false);
    expect(el.querySelector('p.muted')!.textContent).toBe('No departments yet.');
  });
});

describe('console lists that failed to load', () => {
  const FAILED = 'Could not load the shifts: the server did not answer. Nothing is lost.';

  it('say why and offer Try again in the empty row, never "No … yet"; Loading… while trying again', () => {
    const [loading, setLoading] = createSignal(false);
    const [failure, setFailure] = createSignal<string | null>(FAILED);
    const onRetry = vi.fn(() => setLoading(true));
    const el = mount(() => (
      <table>
        <tbody>
          <EmptyRow columns={4} loading={loading()} failure={failure()} onRetry={onRetry}>
            No shifts yet.
          </EmptyRow>
        </tbody>
      </table>
    ));
    const failed = q(el, 'list-failed')!;
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.closest('td')!.colSpan).toBe(4);
    expect(failed.textContent).toBe(`${FAILED}Try again`);
    expect(el.textContent).not.toContain('No shifts yet');
    q(el, 'list-retry')!.click();
    expect(onRetry).toHaveBeenCalledOnce();
    expect(el.querySelector('td')!.textContent).toBe('Loading…');
    expect(q(el, 'list-failed')).toBeNull();
    setFailure(null);
    setLoading(false);
    expect(el.querySelector('td')!.textContent).toBe('No shifts yet.');
  });

  it('say the same in place of a note', () => {
    const onRetry = vi.fn();
    const el = mount(() => (
      <EmptyNote
        loading={false}
        failure="Could not load the departments and stations: the server could not answer just now. Nothing is lost."
        onRetry={onRetry}
      >
        No departments yet.
      </EmptyNote>
    ));
    expect(q(el, 'list-failed')!.textContent).toContain('Could not load the departments and stations: the server could not answer just now.');
    expect(el.textContent).not.toContain('No departments yet');
    q(el, 'list-retry')!.click();
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
