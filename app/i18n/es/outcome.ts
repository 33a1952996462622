import type { outcome as en } from '../en/outcome';
import type { Messages } from '../messages';

export const outcome: Messages<typeof en> = {
  'outcome.refused': 'El servidor rechazó este cambio.',
  'outcome.syncFailed': 'Falló la última sincronización. Sus cambios se conservan y la sincronización lo volverá a intentar.',
  'outcome.retryNow': 'Ya puede volver a intentarlo.',
  'outcome.retryAt': (time: string, wait: string) => `Vuelva a intentarlo a las ${time} (dentro de ${wait}).`,
  'outcome.waitUnderMinute': 'menos de un minuto',
  'outcome.waitMinutes': (n: number) => (n === 1 ? '1 minuto' : `${n} minutos`),
  'outcome.waitHours': (n: number) => (n === 1 ? '1 hora' : `${n} horas`),
  'outcome.someChange': 'cambio',
  'outcome.problemHead': (noun: string, subject: string, time: string) => `Su ${noun}${subject ? ` (${subject})` : ''} de las ${time} no se aplicó`,
  'outcome.problemWhy': (head: string, sentence: string) => `${head}: ${sentence}`,
  'outcome.problemOther': (head: string, what: string, time: string, who: string) => `${head}: ${what} a las ${time}${who ? ` por ${who}` : ''}.`,
  'outcome.theCoordinator': 'el coordinador',
  'outcome.other.placeHold': 'la orden se retuvo',
  'outcome.other.placeHoldKind': (kind: string) => `la orden se retuvo por ${kind}`,
  'outcome.other.completeOperation': 'la operación se terminó',
  'outcome.other.startOperation': 'la operación se inició',
  'outcome.other.pauseOperation': 'la operación se pausó',
  'outcome.other.releaseHold': 'la retención se liberó',
  'outcome.other.someoneElse': 'otra persona lo cambió antes',
  'outcome.overReported': 'Ahora hay más piezas reportadas que pedidas; el coordinador lo verá.',
  'outcome.notDone': (sentence: string) => `No se hizo: ${sentence}`,
  'outcome.notDoneChanged': (sentence: string, time: string, who: string) => `No se hizo: ${sentence} (cambiado a las ${time}${who ? ` por ${who}` : ''}).`,
};
