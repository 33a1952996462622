import type { PlantResponse } from '../../../shared/protocol';
import { t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { createListLoad } from './list-load';
import { PlantIdleSetting } from './PlantIdleSetting';
import { PlantReasons } from './PlantReasons';
import { PlantShifts } from './PlantShifts';
import { PlantStations } from './PlantStations';
import type { PlantSection } from './plant-section';

const EMPTY: PlantResponse = { departments: [], stations: [], reasonCodes: [], shifts: [] };

/**
 * The Plant tab: what a plant started with `npm start` defines first (README: departments and
 * stations, reasons, shifts), before its people and tablets.
 */
export function PlantPanel() {
  const plant = createListLoad(() => consoleApi.plant());
  const section: PlantSection = { plant: () => plant.value() ?? EMPTY, loading: plant.loading, failure: plant.failure, reload: plant.reload };
  return (
    <div data-testid="plant-panel">
      <p class="muted">{t('console.plant.intro')}</p>
      <PlantStations {...section} />
      <PlantReasons {...section} />
      <PlantShifts {...section} />
      <PlantIdleSetting />
    </div>
  );
}
