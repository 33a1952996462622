/**
 * Words for the audit entries of office acts that are not mutations (server/auth/users.ts):
 * `createUser`, `setPassword`, `disableUser`, `enableUser`, whose args name the username.
 */
const OFFICE_ACT: Record<string, string> = {
  createUser: 'Added console user',
  setPassword: 'Set the password of',
  disableUser: 'Disabled console user',
  enableUser: 'Enabled console user',
};

/** Plant setup (server/plant/): the args name what changed. */
const PLANT_ACT: Record<string, (a: Record<string, unknown>) => string> = {
  createDepartment: (a) => `Added the department ${String(a.name)}`,
  renameDepartment: (a) => `Renamed a department to ${String(a.name)}`,
  createStation: (a) => `Added the station ${String(a.name)}`,
  updateStation: (a) => (typeof a.name === 'string' ? `Changed the station ${a.name}` : 'Changed a station'),
  retireStation: (a) => `Retired the station ${String(a.name)}`,
  restoreStation: (a) => `Restored the station ${String(a.name)}`,
  createReasonCode: (a) => `Added the reason ${String(a.code)} (${String(a.label)})`,
  updateReasonCode: (a) => `Relabelled the reason ${String(a.code)} to ${String(a.label)}`,
  retireReasonCode: (a) => `Retired the reason ${String(a.code)}`,
  restoreReasonCode: (a) => `Restored the reason ${String(a.code)}`,
  createShift: (a) => `Added the shift ${String(a.name)}`,
  updateShift: (a) => (typeof a.name === 'string' ? `Changed the shift ${a.name}` : 'Changed a shift'),
  removeShift: (a) => `Removed the shift ${String(a.name)}`,
};

/** "Added console user pat", or undefined for a mutation (described by the mutator catalogue). */
export function officeActText(mutation: string, args: unknown): string | undefined {
  const plant = PLANT_ACT[mutation];
  if (plant) return plant(args !== null && typeof args === 'object' ? (args as Record<string, unknown>) : {});
  const verb = OFFICE_ACT[mutation];
  if (!verb) return undefined;
  const username = (args as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? `${verb} ${username}` : verb;
}

/** Who acted from the `npm run users` command: `cli:<os user>`. */
export const cliActor = (actorId: string): string | undefined => (actorId.startsWith('cli:') ? `${actorId.slice(4)} (command line)` : undefined);
