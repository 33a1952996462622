import type { session as english } from '../en/session';
import type { Messages } from '../messages';

/** Las palabras de la sesión en la tableta: bloqueo por gafete, cierre por inactividad, problemas de cada persona (A2). */
export const session: Messages<typeof english> = {
  'session.attemptsLeft': (left: number, shown: string, lockFor: string) =>
    left === 1
      ? `Le queda ${shown} intento más antes de que este gafete se bloquee durante ${lockFor}.`
      : `Le quedan ${shown} intentos más antes de que este gafete se bloquee durante ${lockFor}.`,
  'session.locked': (attempts: string, remaining: string) =>
    `Este gafete está bloqueado en esta tableta tras ${attempts} intentos fallidos. Vuelva a intentarlo dentro de ${remaining}. Otra persona puede iniciar sesión ahora.`,
  'session.notThisStation': (serves: string, yours: string) =>
    `Su gafete y su PIN son correctos, pero esta tableta atiende a ${serves}; usted trabaja en ${yours}. Use una tableta de su estación o consulte a su jefe de línea.`,
  'session.noStation': 'ninguna estación todavía',
  'session.idleWarning': (left: string) => `Nadie ha usado esta tableta desde hace un rato. Cerrará su sesión dentro de ${left}; sus borradores se conservan.`,
  'session.stillHere': 'Sigo aquí',
  'session.idleSignedOut': (minutes: number, shown: string) =>
    `Sesión cerrada tras ${shown} ${minutes === 1 ? 'minuto' : 'minutos'} sin uso. Sus borradores se conservan.`,
  'session.problemHeadOf': (who: string, noun: string, subject: string, time: string) =>
    `${noun.charAt(0).toUpperCase()}${noun.slice(1)} de ${who}${subject ? ` (${subject})` : ''} de las ${time} no se aplicó`,
  'session.idleSetting.title': 'Cierre de sesión en las tabletas',
  'session.idleSetting.help':
    'Una tableta cierra la sesión de su usuario tras estos minutos sin un toque, una tecla ni un escaneo. Sus borradores se conservan.',
  'session.idleSetting.label': 'Minutos sin uso',
  'session.idleSetting.save': 'Guardar',
  'session.idleSetting.saved': (shown: string) => `Guardado: las tabletas cierran la sesión tras ${shown} minutos sin uso.`,
  'session.idleSetting.failed': 'No se guardó. Revise el número (de 1 a 480 minutos) e inténtelo de nuevo.',
};
