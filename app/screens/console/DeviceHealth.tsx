import { createSignal, Show } from 'solid-js';
import { sentenceFor } from '../../components/outcome-text';
import { formatDateTime, formatNumber, formatRelative, t } from '../../i18n';
import { now } from '../../session/clock';
import { consoleApi, type DeviceRow } from '../../session/console-api';

/** The devices table's extra headers: what each tablet last reported. */
export function DeviceHealthHeaders() {
  return (
    <>
      <th>{t('devices.col.lastSeen')}</th>
      <th>{t('devices.col.version')}</th>
      <th>{t('devices.col.waiting')}</th>
    </>
  );
}

/** A tablet's last report; a stuck one (changes waiting, refused) says so in words. */
export function DeviceHealthCells(props: { device: DeviceRow }) {
  const d = () => props.device;
  return (
    <>
      <td data-testid="device-last-seen">{d().lastSeenAt ? formatRelative(d().lastSeenAt, now()) : t('devices.lastSeen.never')}</td>
      <td data-testid="device-version">{d().appVersion ?? t('devices.version.unknown')}</td>
      <td data-testid="device-waiting" data-count={d().outboxCount ?? ''}>
        {d().outboxCount === null || d().outboxCount === undefined ? t('devices.waiting.unknown') : formatNumber(d().outboxCount!)}
        <Show when={d().stuck}>
          <span class="pill pill-bad" data-testid="device-stuck">
            {t('devices.stuck')}
          </span>
          <p class="muted" data-testid="device-stuck-detail">
            {t('devices.stuck.detail', formatDateTime(d().refusedSince ?? null))}
          </p>
        </Show>
      </td>
    </>
  );
}

/**
 * "Show code again" for a device no tablet has enrolled as: codes are kept hashed, so a fresh code
 * is issued for the same device and the earlier one stops working. `onCode` shows it big.
 */
export function ShowCodeAgain(props: {
  device: DeviceRow;
  onCode: (code: { name: string; code: string; expiresAt: string }) => void;
  onError: (s: string) => void;
}) {
  const [busy, setBusy] = createSignal(false);
  const reissue = async () => {
    setBusy(true);
    const r = await consoleApi.reissueCode(props.device.id);
    setBusy(false);
    if (!r.ok) return props.onError(sentenceFor(r.code, r.message));
    props.onCode({ name: props.device.name, code: r.value.enrollmentCode, expiresAt: r.value.expiresAt });
  };
  return (
    <Show when={props.device.awaitingEnrollment}>
      <button type="button" class="btn btn-small" data-testid="device-show-code" disabled={busy()} onClick={() => void reissue()}>
        {t('devices.showCode')}
      </button>{' '}
    </Show>
  );
}
