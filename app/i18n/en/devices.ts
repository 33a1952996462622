/** The console's devices table: each tablet's health, a stuck tablet, and "show code again". */
export const devices = {
  'devices.col.lastSeen': 'Last seen',
  'devices.col.version': 'App version',
  'devices.col.waiting': 'Changes waiting',
  'devices.lastSeen.never': 'Not yet',
  'devices.version.unknown': 'Not reported',
  'devices.waiting.unknown': 'Not reported',
  'devices.stuck': 'Stuck',
  'devices.stuck.detail': (since: string) =>
    `Changes wait on this tablet and the server has refused them since ${since}. Enroll it again (new device, new code): its changes carry over.`,
  'devices.showCode': 'Show code again',
};
