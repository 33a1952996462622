import type { ActBacking } from '../../shared/schema';
import { t } from '../i18n';

/** What backs an act, read from a record: entries from before proofs have none (console or token then). */
export function backingOf(backing: ActBacking | undefined, deviceId: string | null | undefined): ActBacking {
  return backing ?? (deviceId === 'console' ? 'console' : 'token');
}

/** The words for what backs an act (A3): shown wherever the console names an actor. */
export function backingText(backing: ActBacking, deviceName: string): string {
  if (backing === 'console') return t('backing.console');
  if (backing === 'pin') return t('backing.pin', deviceName);
  return t('backing.token', deviceName);
}

/** A small mark after an actor's name: console session, PIN-verified on a tablet, or tablet token only. */
export function BackingMark(props: { backing: ActBacking | undefined; deviceId: string | null | undefined; deviceName: string }) {
  const b = () => backingOf(props.backing, props.deviceId);
  return (
    <span class={`badge ${b() === 'token' ? 'badge-flag' : 'badge-completed'}`} data-testid="backing" data-backing={b()}>
      {b() === 'token' ? '⚠ ' : ''}
      {backingText(b(), props.deviceName)}
    </span>
  );
}
