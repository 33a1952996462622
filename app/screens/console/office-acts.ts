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

/** "Added console user pat", or undefined for a mutation (described by the mutator catalogue). */
export function officeActText(mutation: string, args: unknown): string | undefined {
  const verb = OFFICE_ACT[mutation];
  if (!verb) return undefined;
  const username = (args as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? `${verb} ${username}` : verb;
}

/** Who acted from the `npm run users` command: `cli:<os user>`. */
export const cliActor = (actorId: string): string | undefined => (actorId.startsWith('cli:') ? `${actorId.slice(4)} (command line)` : undefined);
