import type { common as en } from '../en/common';
import type { Messages } from '../messages';

export const common: Messages<typeof en> = {
  'language.name': 'Español',
  'language.switch': 'Idioma',
  'action.cancel': 'Cancelar',
  'action.save': 'Guardar',
  'action.close': 'Cerrar',
  'action.tryAgain': 'Reintentar',
  'time.justNow': 'ahora mismo',
  'time.never': 'nunca',
};
