import type { devices as english } from '../en/devices';
import type { Messages } from '../messages';

export const devices: Messages<typeof english> = {
  'devices.col.lastSeen': 'Última conexión',
  'devices.col.version': 'Versión de la app',
  'devices.col.waiting': 'Cambios en espera',
  'devices.lastSeen.never': 'Todavía no',
  'devices.version.unknown': 'Sin informar',
  'devices.waiting.unknown': 'Sin informar',
  'devices.stuck': 'Atascada',
  'devices.stuck.detail': (since: string) =>
    `Hay cambios esperando en esta tableta y el servidor los rechaza desde ${since}. Dela de alta de nuevo (dispositivo nuevo, código nuevo): sus cambios se conservan.`,
  'devices.showCode': 'Mostrar el código otra vez',
};
