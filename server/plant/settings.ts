import type { Clock } from '../../shared/domain/clock';
import type { PlantSettingsRequest } from '../../shared/protocol';
import { IDLE_SIGN_OUT_MINUTES, PLANT_SETTINGS_ID, type PlantSettings } from '../../shared/schema';
import { audited, unchanged } from '../audit/office';
import type { UserActor } from '../auth/users';
import type { Store, StoreReader } from '../store/types';
import { iso, type PlantWrite } from './records';

type Settings = Omit<PlantSettings, 'version' | 'updatedAt'>;
const DEFAULTS: Settings = { id: PLANT_SETTINGS_ID, idleSignOutMinutes: IDLE_SIGN_OUT_MINUTES.default };

/** The plant's settings as stored, or the defaults the tablets use before the first write. */
export async function readPlantSettings(tx: StoreReader): Promise<Settings> {
  const r = await tx.getRecord('plantSettings', PLANT_SETTINGS_ID);
  if (!r || r.deleted) return { ...DEFAULTS };
  const { version: _v, updatedAt: _u, ...s } = JSON.parse(r.value) as PlantSettings;
  return { ...DEFAULTS, ...s };
}

/** Changes the plant's settings: audited (A4), and plant-wide (scope `*`), so every tablet pulls it. */
export async function updatePlantSettings(store: Store, clock: Clock, actor: UserActor, req: PlantSettingsRequest): Promise<PlantWrite<Settings>> {
  return store.transaction(async (tx) => {
    const stored = await tx.getRecord('plantSettings', PLANT_SETTINGS_ID);
    const before = stored && !stored.deleted ? (JSON.parse(stored.value) as PlantSettings) : null;
    const current = await readPlantSettings(tx);
    const after: Settings = { ...current, ...req };
    if (before && unchanged(before, after)) return { value: current, scopes: [] };
    const scopes = await audited(tx, actor, iso(clock), 'updatePlantSettings', { ...req }, { entity: 'plantSettings', before, after });
    return { value: after, scopes };
  });
}
