import type { syncState as english } from '../en/sync-state';
import type { Messages } from '../messages';

export const syncState: Messages<typeof english> = {
  'syncState.refused.toggle': 'Los cambios no llegan al servidor',
  'syncState.refused.detail': (pending: string) =>
    `El servidor rechaza los cambios de esta tableta, así que no se aplica ninguno. ${pending} en esta tableta y se enviarán en cuanto vuelva a darse de alta.`,
  'syncState.refused.pending': (n: number, formatted: string) => (n === 1 ? '1 cambio se guarda' : `${formatted} cambios se guardan`),
  'syncState.progress.of': (done: string, total: string) => `Descargando la planta: ${done} de ${total} registros`,
  'syncState.progress.so-far': (done: string) => `Descargando la planta: ${done} registros hasta ahora`,
};
