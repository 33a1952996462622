import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type FloorboardDB } from '../../app/db';
import { signIn, signOut } from '../../app/session/user';
import { memoryLockoutStore } from '../../app/session/lockout';
import { createSyncClient, enrollDevice, type SyncClient } from '../../app/sync';
import type { AuditEntry, Rejection, WorkOrder } from '../../shared/schema';
import { allOf } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';

const SANTOS = { id: 'u-lead-santos', badge: 'B2001', pin: '7391' };
const COORD = { id: 'u-coordinator', badge: 'C0001', pin: '2468' };

const memoryLockout = memoryLockoutStore;

let n = 0;

/** The real app's sign-in and sync client on a tablet database, against the real server (A2). */
describe('tablet sign-in yields the proof the server checks', () => {
  let h: Harness;
  let db: FloorboardDB;
  let sync: SyncClient;
  let millJob: WorkOrder;

  beforeEach(async () => {
    h = await makeHarness();
    const cookie = await h.signIn();
    const { enrollmentCode } = (await (await h.req('/api/devices', { body: { name: 'Mill tablet', stationIds: ['st-mill-1'] }, cookie })).json()) as {
      enrollmentCode: string;
    };
    const fetch = (u: string, i?: RequestInit) => Promise.resolve(h.app.request(u, i));
    db = await openDatabase(`proof-${process.pid}-${++n}`);
    expect((await enrollDevice(db, 'http://fb.test', enrollmentCode, fetch)).ok).toBe(true);
    sync = createSyncClient({
      db,
      baseUrl: 'http://fb.test',
      auth: { kind: 'device' },
      fetch,
      clock: h.clock,
      setTimer: () => () => undefined,
      eventSource: false,
    });
    await sync.syncNow();
    millJob = (await allOf<WorkOrder>(h.store, 'workOrders')).find((w) => w.stationIds.includes('st-mill-1'))!;
  });
  afterEach(async () => {
    sync.stop();
    db.close();
    await h.close();
  });

  const hold = (id: string) => ({ id, workOrderId: millJob.id, kind: 'quality' as const, reason: 'burrs on the bore' });

  it('[A2] the lead signs in with badge and PIN on the tablet; their hold reaches the server PIN-verified', async () => {
    expect((await signIn(db, SANTOS.badge, SANTOS.pin, ['st-mill-1'], h.clock.now(), memoryLockout())).ok).toBe(true);
    expect((await sync.mutate('placeHold', hold('h-1'), SANTOS.id)).outcome).toBe('applied');
    await sync.syncNow();
    expect(await recordOf(h.store, 'holds', 'h-1')).toMatchObject({ placedBy: SANTOS.id, status: 'open' });
    const audit = (await allOf<AuditEntry>(h.store, 'audit')).find((a) => a.mutation === 'placeHold')!;
    expect(audit).toMatchObject({ actorId: SANTOS.id, backing: 'pin', outcome: 'applied' });
  });

  it('[A2] the coordinator signs in on the tablet (the roster carries office roles) and acts within its stations', async () => {
    expect((await signIn(db, COORD.badge, COORD.pin, ['st-mill-1'], h.clock.now(), memoryLockout())).ok).toBe(true);
    const change = { id: 'sc-1', kind: 'note' as const, message: 'Mill: coolant at 14:00', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false };
    expect((await sync.mutate('postScheduleChange', change, COORD.id)).outcome).toBe('applied');
    // The same shared rule refuses other stations on the tablet, before anything is queued.
    const stop = { ...change, id: 'sc-2', message: 'STOP ALL WORK', stationIds: ['st-mill-1', 'st-weld-1'] };
    expect(await sync.mutate('postScheduleChange', stop, COORD.id)).toMatchObject({ outcome: 'rejected', code: 'not-allowed-at-station' });
    await sync.syncNow();
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-1')).toMatchObject({ postedBy: COORD.id });
    expect(await db.outbox.count()).toBe(0);
  });

  it("[A2] after sign-out nothing can be queued with the lead's proof: the server refuses it in words", async () => {
    expect((await signIn(db, SANTOS.badge, SANTOS.pin, ['st-mill-1'], h.clock.now(), memoryLockout())).ok).toBe(true);
    await signOut(db);
    expect((await sync.mutate('placeHold', hold('h-2'), SANTOS.id)).outcome).toBe('applied'); // optimistic
    await sync.syncNow();
    expect(await recordOf(h.store, 'holds', 'h-2')).toBeUndefined();
    const rejections = await db.entity('rejections').toArray();
    expect(rejections).toEqual([expect.objectContaining<Partial<Rejection>>({ mutation: 'placeHold', code: 'actor-not-verified' })]);
    expect(await db.entity('holds').get('h-2')).toBeUndefined(); // the rebase undid it
  });
});
