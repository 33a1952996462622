import { createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../../i18n';
import { useWorkOrders } from '../../../queries/console';
import { useTravelerSheet } from '../../../queries/travelers';
import { useConsole } from '../console-context';
import { DocumentsSection } from './DocumentsSection';
import { TravelerEditor } from './TravelerEditor';
import { TravelerSheet } from './TravelerSheet';

/** Work orders and their travelers: find one, print its traveler. */
export function TravelersPanel() {
  const c = useConsole();
  const workOrders = useWorkOrders(c.db);
  const [filter, setFilter] = createSignal('');
  const [printing, setPrinting] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const sheet = useTravelerSheet(c.db, printing);
  const shown = () => {
    const f = filter().trim().toLowerCase();
    const open = workOrders().filter((w) => w.status !== 'completed' && w.status !== 'cancelled');
    return (f ? open.filter((w) => `${w.number} ${w.partNumber} ${w.description}`.toLowerCase().includes(f)) : open).slice(0, 200);
  };
  return (
    <section data-testid="travelers-panel">
      <Show when={printing() && sheet()}>
        <TravelerSheet data={sheet()!} stationName={c.stationName} onClose={() => setPrinting(null)} />
      </Show>
      <Show when={!printing()}>
        <div class="panel no-print">
          <label for="travelers-filter">{t('travelers.find')}</label>
          <input
            id="travelers-filter"
            data-testid="travelers-filter"
            placeholder={t('travelers.findPlaceholder')}
            value={filter()}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
        <table class="no-print" data-testid="travelers-table">
          <thead>
            <tr>
              <th>{t('travelers.workOrder')}</th>
              <th>{t('travelers.part')}</th>
              <th>{t('travelers.due')}</th>
              <th>
                <span class="sr-only">{t('travelers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For
              each={shown()}
              fallback={
                <tr>
                  <td colSpan={4}>{t('travelers.none')}</td>
                </tr>
              }
            >
              {(w) => (
                <>
                  <tr data-testid="traveler-row" data-wo-number={w.number}>
                    <td>{w.number}</td>
                    <td>
                      {w.partNumber} · {w.revision}
                      <br />
                      <span class="muted">{w.description}</span>
                    </td>
                    <td>{formatDate(w.dueAt)}</td>
                    <td>
                      <button type="button" class="btn btn-small" data-testid="traveler-print" onClick={() => setPrinting(w.id)}>
                        {t('travelers.print')}
                      </button>
                      <button
                        type="button"
                        class="btn btn-small"
                        data-testid="traveler-edit"
                        aria-expanded={editing() === w.id}
                        onClick={() => setEditing(editing() === w.id ? null : w.id)}
                      >
                        {t('travelers.traveler')}
                      </button>
                    </td>
                  </tr>
                  <Show when={editing() === w.id}>
                    <tr class="row-editor">
                      <td colSpan={4}>
                        <TravelerEditor workOrder={w} onClose={() => setEditing(null)} />
                      </td>
                    </tr>
                  </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
        <DocumentsSection />
      </Show>
    </section>
  );
}
