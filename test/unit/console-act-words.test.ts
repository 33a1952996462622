import { afterEach, describe, expect, it } from 'vitest';
import type { MutationCall } from '../../shared/domain/mutators';
import { setLanguage } from '../../app/i18n';
import { actText } from '../../app/screens/console/act-words';

// The console's feed and resolved-conflict list word every mutation in the console's language
// (L1): English from app/i18n/en/acts.ts, Spanish from es/acts.ts, reason codes by their label.

const reasonLabel = (code: string) => ({ BURR: 'Burrs' })[code] ?? code;
const CALLS: MutationCall[] = [
  { name: 'startOperation', args: { operationId: 'op-1' } },
  { name: 'pauseOperation', args: { operationId: 'op-1', reason: 'Break' } },
  { name: 'reportQuantity', args: { id: 'qr-1', operationId: 'op-1', good: 12000, scrap: 2, scrapReason: 'BURR' } },
  { name: 'placeHold', args: { id: 'h-1', workOrderId: 'wo-1', kind: 'quality', reason: 'burrs on face' } },
  {
    name: 'postScheduleChange',
    args: { id: 'c-1', kind: 'priority-shift', message: 'run it next', stationIds: ['st-1'], workOrderIds: [], requiresAck: true },
  },
  { name: 'resolveConflict', args: { conflictId: 'x', choice: 'mine' } },
  { name: 'correctQuantity', args: { id: 'f-1', reportId: 'qr-1', good: 5, scrap: 0, reason: 'Miscounted' } },
  { name: 'undoLast', args: { id: 'u-1', operationId: 'op-1', act: 'completeOperation', actAt: '2026-03-02T09:00:00.000Z' } },
];

afterEach(() => setLanguage('en'));

describe('the console words each mutation in its language, with labels for codes (L1)', () => {
  it('in English', () => {
    setLanguage('en');
    expect(CALLS.map((c) => actText(c.name, c.args, { reasonLabel }))).toEqual([
      'started the operation',
      'paused the operation: Break',
      'reported 12,000 good, 2 scrap (Burrs)',
      'placed a quality hold: burrs on face',
      'posted a change (Priority shift): run it next',
      'resolved a conflict by applying the tablet’s change',
      'corrected a quantity report to 5 good, 0 scrap: Miscounted',
      'undid their completion',
    ]);
  });
  it('in Spanish', () => {
    setLanguage('es');
    expect(CALLS.map((c) => actText(c.name, c.args, { reasonLabel }))).toEqual([
      'inició la operación',
      'pausó la operación: Descanso',
      'informó 12.000 buenas, 2 de desecho (Burrs)',
      'puso una retención por calidad: burrs on face',
      'publicó un cambio (Cambio de prioridad): run it next',
      'resolvió un conflicto aplicando el cambio de la tableta',
      'corrigió un informe de cantidad a 5 buenas, 0 de desecho: Miscounted',
      'deshizo su finalización',
    ]);
  });
  it('an entry whose args do not parse, or an unknown name, shows the name as recorded', () => {
    expect(actText('reportQuantity', { good: 'x' }, { reasonLabel })).toBe('reportQuantity');
    expect(actText('teleport', {}, { reasonLabel })).toBe('teleport');
  });
});
