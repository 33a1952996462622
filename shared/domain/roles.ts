import type { Role } from '../schema';

/**
 * Office roles act plant-wide on the console and, signed in with their PIN, at any station of the
 * tablet they stand at; their own `stationIds` are not a limit. The auditor is not one: it acts nowhere.
 */
const OFFICE_ROLES: ReadonlySet<Role> = new Set(['coordinator', 'planner', 'quality', 'maintenance', 'warehouse', 'engineering', 'admin']);

/** True for the roles that act at every station (within the device's stations, A3). */
export function isOfficeRole(role: Role): boolean {
  return OFFICE_ROLES.has(role);
}

/**
 * Roles whose acts from a tablet need a PIN proof (A2): everyone above the operator. An operator's
 * act without a valid one is still applied, marked `token`: an app without proofs, or a proof made
 * before a PIN change, must not lose the floor's work.
 */
export function needsProof(role: Role): boolean {
  return role !== 'operator';
}

/** Roles that walk the floor: a tablet carries their verifiers when they hold a PIN, and they may sign in anywhere (A2). */
export function roamsTablets(role: Role): boolean {
  return role === 'lead' || role === 'supervisor' || isOfficeRole(role);
}
