import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../shared/domain/pin';
import { createHash } from 'node:crypto';
import type { Document, Operation, ReasonCode, Shift, Traveler, User, WorkOrder } from '../../shared/schema';
import { sniffContentType } from '../../server/blobs/content-type';
import { seedDemoPlant, seedLargePlant } from '../../server/seed/demo';
import { DEMO_USERS } from '../../server/seed/people';
import { allOf } from './fixtures';
import { makeHarness, type Harness } from './harness';

describe('demo seed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('builds 3 departments, 8 stations and 40 work orders of 3–6 operations with released travelers', async () => {
    expect(await h.store.countRecords('departments')).toBe(3);
    expect(await h.store.countRecords('stations')).toBe(8);
    const wos = await allOf<WorkOrder>(h.store, 'workOrders');
    const ops = await allOf<Operation>(h.store, 'operations');
    const travelers = await allOf<Traveler>(h.store, 'travelers');
    expect(wos).toHaveLength(40);
    for (const wo of wos) {
      const mine = ops.filter((o) => o.workOrderId === wo.id);
      expect(mine.length).toBe(wo.operationCount);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.length).toBeLessThanOrEqual(6);
      expect(wo.stationIds.sort()).toEqual([...new Set(mine.map((o) => o.stationId))].sort());
      const t = travelers.filter((x) => x.workOrderId === wo.id);
      expect(t).toHaveLength(1);
      // DESIGN §9's printable cover payload: work order and revision, no operation.
      expect(t[0]).toMatchObject({ barcode: `FB1|${wo.number}||${wo.revision}`, status: 'released', revision: wo.revision });
    }
    const due = wos.map((w) => Date.parse(w.dueAt) - h.clock.now());
    expect(Math.min(...due)).toBeLessThan(0);
    expect(Math.max(...due)).toBeGreaterThan(0);
    expect(new Set(wos.map((w) => w.priority)).size).toBe(40);
  });

  it('[T2][T3] every traveler lists its family’s released drawing (PDF) and work instruction (Markdown), whose blobs are stored and reach its stations', async () => {
    const travelers = await allOf<Traveler>(h.store, 'travelers');
    const docs = new Map((await allOf<Document>(h.store, 'documents')).map((d) => [d.id, d]));
    expect(docs.size).toBe(17);
    let photos = 0;
    for (const t of travelers) {
      const listed = t.documentIds.map((id) => docs.get(id)!);
      expect(listed.every((d) => d?.status === 'released')).toBe(true);
      expect(listed.map((d) => d.contentType).slice(0, 2)).toEqual(['application/pdf', 'text/markdown']);
      if (listed.some((d) => d.contentType === 'image/png')) photos++;
      for (const d of listed) expect(d.stationIds).toEqual(expect.arrayContaining(t.stationIds));
    }
    expect(photos).toBeGreaterThan(0);
    expect(photos).toBeLessThan(travelers.length);
    for (const d of docs.values()) {
      const bytes = await h.blobs.get(d.sha256);
      expect(bytes?.byteLength, d.id).toBe(d.bytes);
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(d.sha256);
      expect(sniffContentType(bytes!)).toBe(d.contentType);
    }
  });

  it('[T6] a few jobs not yet started carry special flags and notes on their traveler', async () => {
    const flagged = (await allOf<Traveler>(h.store, 'travelers')).filter((t) => t.flags.length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.flatMap((t) => t.flags)).toContain('first-article');
    for (const t of flagged) {
      expect(t.notes.length).toBeGreaterThan(10);
      const ops = (await allOf<Operation>(h.store, 'operations')).filter((o) => o.workOrderId === t.workOrderId);
      expect(ops.every((o) => o.status === 'pending')).toBe(true);
    }
  });

  it('has reason codes of every kind and a night shift that crosses midnight', async () => {
    const kinds = new Set((await allOf<ReasonCode>(h.store, 'reasonCodes')).map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['changeover', 'downtime-planned', 'downtime-unplanned', 'scrap']);
    const shifts = await allOf<Shift>(h.store, 'shifts');
    expect(shifts).toHaveLength(3);
    expect(shifts.find((s) => s.name === 'Night')).toMatchObject({ start: '22:00', end: '06:00' });
    expect(await h.store.countRecords('scheduleChanges')).toBeGreaterThanOrEqual(1);
  });

  it('[A2] seeds 1 coordinator, 2 leads and 8 operators whose printed PINs verify', async () => {
    const users = await allOf<User>(h.store, 'users');
    const count = (role: string) => users.filter((u) => u.role === role).length;
    expect([count('coordinator'), count('lead'), count('operator')]).toEqual([1, 2, 8]);
    for (const d of DEMO_USERS) {
      const u = users.find((x) => x.id === d.id)!;
      expect(d.pin).toMatch(/^\d{4}$/);
      expect(u.badge).toBe(d.badge);
      expect(await verifyPin(d.pin, u.pin!)).toBe(true);
    }
  });

  it('is deterministic for a given day', async () => {
    const other = await makeHarness({ seed: false });
    try {
      await seedDemoPlant(other.store, { clock: other.clock, pinIterations: 1 });
      const strip = (w: WorkOrder[]) => w.map(({ updatedAt, version, ...rest }) => rest);
      expect(strip(await allOf<WorkOrder>(other.store, 'workOrders'))).toEqual(strip(await allOf<WorkOrder>(h.store, 'workOrders')));
    } finally {
      await other.close();
    }
  });

  it('seeds a large plant quickly for the benchmark', async () => {
    const t = performance.now();
    const s = await seedLargePlant(h.store, { workOrders: 2_000, clock: h.clock });
    const ms = performance.now() - t;
    expect(s.workOrders).toBe(2_000);
    expect(s.operations / s.workOrders).toBeGreaterThan(3.8);
    expect(s.operations / s.workOrders).toBeLessThan(5.2);
    expect(await h.store.countRecords('workOrders')).toBe(2_040);
    // The same few documents serve every big work order too.
    expect(await h.store.countRecords('documents')).toBe(17);
    expect(await h.store.countRecords('operations')).toBe(
      s.operations + (await allOf<Operation>(h.store, 'operations')).filter((o) => !o.id.startsWith('big-')).length,
    );
    console.log(`seedLargePlant(2000): ${ms.toFixed(0)} ms`);
  });
});
