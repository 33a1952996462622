import { codes } from './es/codes';
import { es } from './es/index';
import { kinds } from './es/kinds';

/** Everything Spanish, one lazy chunk: loaded when Spanish is picked or was saved (app/i18n/load.ts). */
export { codes, es, kinds };
