// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { PlantResponse } from '../../shared/protocol';
import { CATALOGUES, setLanguage } from '../../app/i18n';
import { verifyLines } from '../../app/screens/console/audit-verify-text';
import { loadFailureText } from '../../app/screens/console/list-load';
import { PlantShifts } from '../../app/screens/console/PlantShifts';
import { PlantStations } from '../../app/screens/console/PlantStations';
import { mount, q } from '../support/mount';

const plant: PlantResponse = {
  departments: [{ id: 'dep-1', name: 'Mecanizado', version: 1, updatedAt: '' }],
  stations: [{ id: 'st-1', name: 'Fresadora 1', departmentId: 'dep-1', line: '', retired: false, version: 1, updatedAt: '' }],
  reasonCodes: [],
  shifts: [{ id: 'sh-1', name: 'Noche', start: '22:00', end: '06:00', plannedBreakMinutes: 30, version: 1, updatedAt: '' }],
} as unknown as PlantResponse;
const section = { plant: () => plant, loading: () => false, failure: () => null, reload: async () => undefined };

/** Every English console message longer than a few words, to check none is left on a Spanish screen. */
const englishConsoleWords = Object.entries(CATALOGUES.en)
  .filter(([k, v]) => k.startsWith('console.') && typeof v === 'string' && v.length > 12)
  .map(([, v]) => v as string);

describe('[L1] the console in Spanish', () => {
  afterEach(() => setLanguage('en'));

  it('renders the Plant tab’s stations and shifts in Spanish, and follows a change of language at once', () => {
    setLanguage('es');
    const el = mount(() => (
      <>
        <PlantStations {...section} />
        <PlantShifts {...section} />
      </>
    ));
    const text = () => el.textContent ?? '';
    expect(text()).toContain('Departamentos y puestos');
    expect(text()).toContain('Añadir el departamento');
    expect(text()).toContain('En uso');
    expect(text()).toContain('pasa la medianoche');
    expect(q(el, 'station-create')!.textContent).toBe('Añadir el puesto');
    // A duration through Intl in Spanish: "8 h", not the English "8 hr".
    expect(text()).toMatch(/22:00–06:00 \(8 h, pasa la medianoche\)/);
    for (const words of englishConsoleWords) expect(text(), words).not.toContain(words);

    setLanguage('en');
    expect(text()).toContain('Departments and stations');
    expect(text()).toMatch(/8 hr, crosses midnight/);
  });

  it('words a failed load and an audit check in Spanish', () => {
    setLanguage('es');
    expect(loadFailureText('los puestos', { code: 'offline', message: '', status: 0 })).toBe(
      'No se pudieron cargar los puestos: el servidor no ha respondido. No se ha perdido nada.',
    );
    const lines = verifyLines({
      ok: true,
      entries: 1250,
      head: { seq: 1250, hash: 'ab' },
      state: { ok: true, records: 340, findings: [], more: 0, skipped: 0 },
    } as never);
    expect(lines.map((l) => l.text)).toEqual([
      'La cadena de auditoría está intacta (1250 entradas).',
      'Los 340 registros coinciden con el registro de auditoría.',
    ]);
  });
});
