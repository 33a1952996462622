import { Show } from 'solid-js';
import { formatBytes, formatNumber, t } from '../../i18n';
import type { PacketState } from '../../documents/packet';
import './documents.css';

export interface PacketStatusProps {
  packet: PacketState;
  /** navigator.storage.estimate()'s usage for the whole origin; null: unknown. */
  storageUsed: number | null;
}

/** L4: how far the document download is, and what the documents take on the tablet. */
export function PacketStatus(props: PacketStatusProps) {
  const p = () => props.packet;
  const failures = () => Object.keys(p().failed).length;
  return (
    <div data-testid="packet-status">
      <h3>{t('packet.title')}</h3>
      <progress class="packet-bar" aria-label={t('packet.title')} max={Math.max(1, p().bytesTotal)} value={p().bytesDone} />
      <dl class="kv">
        <div>
          <dt>{t('packet.files', formatNumber(p().filesDone), formatNumber(p().filesTotal))}</dt>
          <dd class="v" data-testid="packet-progress">
            {t('packet.bytes', formatBytes(p().bytesDone), formatBytes(p().bytesTotal))}
          </dd>
        </div>
        <div>
          <dt>{t('packet.held')}</dt>
          <dd class="v" data-testid="packet-held">
            {formatBytes(p().bytesHeld)}
          </dd>
        </div>
        <div>
          <dt>{t('packet.storage')}</dt>
          <dd class="v">{props.storageUsed === null ? t('packet.unknown') : formatBytes(props.storageUsed)}</dd>
        </div>
      </dl>
      <p class="muted" data-testid="packet-note">
        {p().running
          ? t('packet.downloading')
          : p().lastError === 'offline'
            ? t('packet.offline')
            : p().lastError === 'storage-full'
              ? t('packet.storageFull')
              : p().lastError === 'not-enrolled'
                ? t('packet.notEnrolled')
                : p().filesDone === p().filesTotal
                  ? t('packet.complete')
                  : ''}
      </p>
      <Show when={failures() > 0}>
        <p class="muted">{t('packet.failed', formatNumber(failures()))}</p>
      </Show>
    </div>
  );
}
