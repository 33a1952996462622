import { For, Show } from 'solid-js';
import { formatDateTime, t } from '../../i18n';
import type { AckMatrix } from '../../queries/ack-matrix';

/** Who has acknowledged a change: one row a person, their target stations in the row (the rows are what the count counts). */
export function AckTable(props: { matrix: AckMatrix }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{t('console.changes.person')}</th>
          <th>{t('console.changes.stations')}</th>
          <th>{t('console.changes.acknowledged')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.matrix.rows}>
          {(row) => (
            <tr
              data-testid="ack-cell"
              data-user-id={row.user.id}
              data-station-ids={row.stations.map((s) => s.id).join(' ')}
              data-acked={row.ack ? 'true' : 'false'}
            >
              <td>{row.user.name}</td>
              <td>{row.stations.map((s) => s.name).join(', ')}</td>
              <td>
                <Show when={row.ack} fallback={<span class="ack-no">{t('console.changes.pending')}</span>}>
                  {(ack) => <span class="ack-yes">✔ {formatDateTime(ack().at)}</span>}
                </Show>
              </td>
            </tr>
          )}
        </For>
        <For each={props.matrix.unstaffed}>
          {(station) => (
            <tr data-testid="ack-unstaffed" data-station-id={station.id}>
              <td class="muted">{t('console.changes.noOperators')}</td>
              <td>{station.name}</td>
              <td />
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
