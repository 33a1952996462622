import type { Accessor } from 'solid-js';
import type { QuantityReport, Shift } from '../../shared/schema';
import type { FloorboardDB } from '../db';
import { createLiveList } from './live';

/** The quantity reports and corrections of the operations at a station, for undo and the Reports panel. */
export function useStationReports(db: Accessor<FloorboardDB | undefined>, stationId: Accessor<string | undefined>): Accessor<QuantityReport[]> {
  return createLiveList(
    () => {
      const d = db();
      const s = stationId();
      return d && s ? { d, s } : undefined;
    },
    async ({ d, s }) => {
      const ids = await d.entity('operations').where('stationId').equals(s).primaryKeys();
      return d.entity('quantityReports').where('operationId').anyOf(ids).toArray();
    },
  );
}

/** The plant's shifts: the one running now is the shift an operator's correction names. */
export function useShifts(db: Accessor<FloorboardDB | undefined>): Accessor<Shift[]> {
  return createLiveList(db, (d) => d.entity('shifts').toArray());
}
