import { createSignal, For, Show } from 'solid-js';
import { EnrollmentQr } from '../../components/EnrollmentQr';
import { sentenceFor } from '../../components/outcome-text';
import { formatDate, formatDateTime, t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { EmptyRow, StationChips } from './console-controls';
import { DeviceHealthCells, DeviceHealthHeaders, ShowCodeAgain } from './DeviceHealth';
import { useConsole } from './console-context';
import { loadFailureText } from './list-load';

/** (e) Enroll tablets (A1): a one-time code shown big; list and revoke devices. */
export function DevicesPanel() {
  const c = useConsole();
  const [name, setName] = createSignal('');
  const [stationIds, setStationIds] = createSignal<string[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [created, setCreated] = createSignal<{ name: string; code: string; expiresAt: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [confirm, setConfirm] = createSignal<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    const r = await consoleApi.createDevice(name().trim(), stationIds());
    setBusy(false);
    if (!r.ok) return setError(sentenceFor(r.code, r.message));
    setCreated({ name: name().trim(), code: r.value.enrollmentCode, expiresAt: r.value.expiresAt });
    setName('');
    setStationIds([]);
    await c.reloadDevices();
  };
  const revoke = async (id: string) => {
    setConfirm(null);
    const r = await consoleApi.revokeDevice(id);
    if (!r.ok) setError(sentenceFor(r.code, r.message));
    await c.reloadDevices();
  };

  return (
    <section data-testid="devices-panel" class="grid-2">
      <div>
        <Show when={created()}>
          <div class="panel" data-testid="device-code-panel">
            <h2>{t('console.devices.codeFor', created()!.name)}</h2>
            <p>{t('console.devices.typeIt')}</p>
            <div class="big-code" data-testid="device-enrollment-code">
              {created()!.code}
            </div>
            <EnrollmentQr code={created()!.code} />
            <p class="muted">{t('console.devices.expires', formatDateTime(created()!.expiresAt))}</p>
          </div>
        </Show>
        <form
          class="panel"
          data-testid="device-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2>{t('console.devices.title')}</h2>
          <label for="device-name">{t('console.devices.name')}</label>
          <input
            id="device-name"
            data-testid="device-name"
            placeholder={t('console.devices.namePlaceholder')}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            maxLength={100}
          />
          <StationChips legend={t('console.col.stations')} stations={c.stations()} selected={stationIds()} onChange={setStationIds} testid="device-station" />
          <Show when={error()}>
            <p class="msg msg-bad" data-testid="device-error">
              {error()}
            </p>
          </Show>
          <div class="actions">
            <button type="submit" class="btn btn-primary" data-testid="device-create" disabled={busy() || !name().trim() || stationIds().length === 0}>
              {t('console.devices.create')}
            </button>
          </div>
        </form>
      </div>
      <div>
        <div class="topline">
          <h2 style={{ margin: '0 auto 0 0' }}>{t('console.tab.devices')}</h2>
          <button type="button" class="btn btn-small" data-testid="devices-reload" onClick={() => void c.reloadDevices()}>
            {t('console.refresh')}
          </button>
        </div>
        <table data-testid="devices-table">
          <thead>
            <tr>
              <th>{t('console.col.name')}</th>
              <th>{t('console.col.stations')}</th>
              <th>{t('console.col.state')}</th>
              <DeviceHealthHeaders />
              <th />
            </tr>
          </thead>
          <tbody>
            <For
              each={c.devices()}
              fallback={
                <EmptyRow
                  columns={7}
                  loading={c.devicesLoad.loading()}
                  failure={loadFailureText(t('console.what.devices'), c.devicesLoad.failure())}
                  onRetry={() => void c.devicesLoad.reload()}
                >
                  {t('console.devices.none')}
                </EmptyRow>
              }
            >
              {(d) => (
                <tr data-testid="device-row" data-device-id={d.id} data-revoked={d.revoked ? 'true' : 'false'} data-stuck={d.stuck ? 'true' : 'false'}>
                  <td>
                    <strong>{d.name}</strong>
                  </td>
                  <td>{d.stationIds.map(c.stationName).join(', ')}</td>
                  <td>
                    {d.revoked
                      ? t('console.devices.revoked')
                      : d.enrolledAt
                        ? t('console.devices.enrolled', formatDate(d.enrolledAt))
                        : t('console.devices.waiting')}
                  </td>
                  <DeviceHealthCells device={d} />
                  <td>
                    <ShowCodeAgain device={d} onCode={setCreated} onError={setError} />
                    <Show when={!d.revoked}>
                      <Show
                        when={confirm() === d.id}
                        fallback={
                          <button type="button" class="btn btn-small btn-danger" data-testid="device-revoke" onClick={() => setConfirm(d.id)}>
                            {t('console.devices.revoke')}
                          </button>
                        }
                      >
                        <button type="button" class="btn btn-small btn-danger" data-testid="device-revoke-confirm" onClick={() => void revoke(d.id)}>
                          {t('console.devices.revokeConfirm')}
                        </button>{' '}
                        <button type="button" class="btn btn-small" data-testid="device-revoke-cancel" onClick={() => setConfirm(null)}>
                          {t('console.keep')}
                        </button>
                      </Show>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
