import type { z } from 'zod';
import { Department, PlantSettings, ReasonCode, Shift, Station } from './plant';
import { User } from './people';
import { Document, Hold, Operation, QuantityReport, Traveler, WorkOrder } from './production';
import { Acknowledgement, Note, ScheduleChange } from './communication';
import { AuditEntry, Conflict, Rejection } from './sync-records';
import type { Role } from './common';
import { isOfficeRole, roamsTablets } from '../domain/roles';

export * from './common';
export * from './plant';
export * from './people';
export * from './production';
export * from './communication';
export * from './sync-records';

/**
 * Every collection that crosses the wire, by its public name (DESIGN §4): the entity names in pull
 * changes. Devices are server-side only and never pulled.
 */
export const ENTITIES = {
  departments: Department,
  stations: Station,
  shifts: Shift,
  reasonCodes: ReasonCode,
  plantSettings: PlantSettings,
  users: User,
  workOrders: WorkOrder,
  operations: Operation,
  travelers: Traveler,
  documents: Document,
  scheduleChanges: ScheduleChange,
  acknowledgements: Acknowledgement,
  quantityReports: QuantityReport,
  notes: Note,
  holds: Hold,
  conflicts: Conflict,
  rejections: Rejection,
  audit: AuditEntry,
} as const;

export type EntityName = keyof typeof ENTITIES;
export type EntityOf<N extends EntityName> = z.infer<(typeof ENTITIES)[N]>;
/** What a mutator writes: the server (or the tablet's replica) stamps `version` and `updatedAt`. */
export type Draft<N extends EntityName> = Omit<EntityOf<N>, 'version' | 'updatedAt'>;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

/** The parent id each collection is looked up by (`Tx.byRef`); also an index on both sides. */
export const REF_FIELD: Partial<Record<EntityName, string>> = {
  operations: 'workOrderId',
  travelers: 'workOrderId',
  documents: 'number',
  holds: 'workOrderId',
  quantityReports: 'operationId',
  acknowledgements: 'changeId',
  notes: 'stationId',
  reasonCodes: 'kind',
  conflicts: 'deviceId',
};

/**
 * Which clients receive a record (S6). `*` is plant-wide, `coordinator` is the console only,
 * otherwise the stations (and, for rejections, the device) it belongs to.
 */
export function scopesOf(entity: EntityName, value: Record<string, unknown>): string[] {
  if (entity === 'audit') return ['coordinator'];
  if (entity === 'rejections') return [`device:${String(value.deviceId)}`];
  if (entity === 'users') {
    // A2: a tablet holds PIN verifiers for the people of its own stations, and for the leads,
    // supervisors and office roles who hold a PIN, since they sign in on any tablet. The auditor
    // and anyone without a PIN stay on the console.
    const stations = value.stationIds as string[];
    if (value.pin && roamsTablets(value.role as Role)) return ['*'];
    return isOfficeRole(value.role as Role) || value.role === 'auditor' || stations.length === 0 ? ['coordinator'] : [...new Set(stations)];
  }
  // T3: a document reaches the tablets of the travelers that list it; one no traveler lists yet (a
  // draft, say) stays on the console rather than going plant-wide.
  if (entity === 'documents' && (value.stationIds as string[]).length === 0) return ['coordinator'];
  const scopes: string[] = [];
  if (typeof value.stationId === 'string') scopes.push(value.stationId);
  if (Array.isArray(value.stationIds)) scopes.push(...(value.stationIds as string[]));
  if (entity === 'conflicts') scopes.push(`device:${String(value.deviceId)}`);
  if (scopes.length === 0) return ['*'];
  return [...new Set(scopes)];
}
