// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { SyncStatusBar, type SyncStatusBarProps } from '../../app/components/SyncStatusBar';
import { OperationCard } from '../../app/components/OperationCard';
import type { QueueItem } from '../../app/queries/queue';
import { mount, q } from '../support/mount';

const baseBar = (o: Partial<SyncStatusBarProps> = {}): SyncStatusBarProps => ({
  title: 'Floorboard',
  online: false,
  syncing: false,
  pending: 3,
  lastSyncAt: '2026-01-01T09:58:00Z',
  lastError: null,
  outdated: false,
  now: Date.parse('2026-01-01T10:00:00Z'),
  updateReady: false,
  updateBlocked: null,
  problems: [{ id: 'p1', kind: 'conflict', text: 'Your completion at 10:02 was not applied.' }],
  onUpdate: () => undefined,
  onSyncNow: () => undefined,
  ...o,
});

describe('SyncStatusBar', () => {
  it('shows offline, waiting changes and the last sync in words', () => {
    const el = mount(() => <SyncStatusBar {...baseBar()} />);
    expect(q(el, 'sync-online')!.textContent).toContain('Offline');
    expect(q(el, 'sync-pending')!.textContent).toBe('3 changes waiting');
    expect(q(el, 'sync-last')!.textContent).toContain('2 min. ago');
  });

  it('offline is said once, by the Offline pill: a failed sync for want of network is not a sync problem', () => {
    const offline = mount(() => <SyncStatusBar {...baseBar({ online: false, lastError: 'offline' })} />);
    expect(q(offline, 'sync-error')).toBeNull();
    expect(q(offline, 'sync-online')!.textContent).toContain('Offline');
    const down = mount(() => <SyncStatusBar {...baseBar({ online: true, lastError: 'network-error' })} />);
    expect(q(down, 'sync-error')!.textContent).toBe('Sync problem');
  });

  it('lists problems only after a tap (no hover), with their words', () => {
    const el = mount(() => <SyncStatusBar {...baseBar()} />);
    expect(q(el, 'sync-problems')).toBeNull();
    q(el, 'sync-problems-toggle')!.click();
    expect(q(el, 'sync-problem')!.textContent).toContain('Your completion at 10:02 was not applied.');
  });

  it('offers an update but disables it while something blocks it', () => {
    const onUpdate = vi.fn();
    const el = mount(() => <SyncStatusBar {...baseBar({ updateReady: true, updateBlocked: 'Waiting for 3 changes to sync first', onUpdate })} />);
    const btn = q(el, 'app-update') as HTMLButtonElement;
    expect(btn.disabled).toBe(true);
    expect(q(el, 'app-update-blocked')!.textContent).toContain('Waiting for 3 changes');
  });
});

describe('OperationCard', () => {
  const meta = { version: 1, updatedAt: '' };
  const item = (held: boolean, status: 'pending' | 'running' = 'pending'): QueueItem => ({
    id: 'op1',
    operation: {
      id: 'op1',
      workOrderId: 'wo1',
      seq: 10,
      stationId: 's1',
      name: 'Cut',
      idealCycleSeconds: 1,
      status,
      good: 2,
      scrap: 1,
      lastChange: null,
      ...meta,
    },
    workOrder: {
      id: 'wo1',
      number: 'WO-9',
      partNumber: 'P',
      description: 'D',
      revision: 'A',
      quantity: 5,
      dueAt: '2099-01-01T00:00:00.000Z',
      priority: 1,
      status: 'released',
      operationCount: 1,
      stationIds: ['s1'],
      ...meta,
    },
    hold: held
      ? {
          id: 'h',
          workOrderId: 'wo1',
          operationId: null,
          kind: 'quality',
          reason: 'burrs',
          status: 'open',
          placedBy: 'u',
          placedDeviceId: 'console',
          placedAt: '2026-01-01T00:00:00.000Z',
          releasedBy: null,
          releasedDeviceId: null,
          releasedAt: null,
          stationIds: ['s1'],
          ...meta,
        }
      : undefined,
  });
  const handlers = { onStart: vi.fn(), onPause: vi.fn(), onComplete: vi.fn(), onReport: vi.fn() };

  it('a hold blocks start and complete and says why', () => {
    const el = mount(() => <OperationCard item={item(true)} busy={false} pauseReasons={[]} {...handlers} />);
    expect((q(el, 'op-start') as HTMLButtonElement).disabled).toBe(true);
    expect((q(el, 'op-complete') as HTMLButtonElement).disabled).toBe(true);
    expect(q(el, 'queue-hold-reason')!.textContent).toContain('quality hold: burrs');
  });

  it('a free pending operation can start; pausing asks for a reason first', () => {
    const el = mount(() => <OperationCard item={item(false, 'running')} busy={false} pauseReasons={['Break']} {...handlers} />);
    expect((q(el, 'op-start') as HTMLButtonElement).disabled).toBe(true);
    q(el, 'op-pause')!.click();
    expect(handlers.onPause).not.toHaveBeenCalled();
    q(el, 'pause-reason')!.click();
    expect(handlers.onPause).toHaveBeenCalledWith('Break');
    expect(q(el, 'queue-good-scrap')!.textContent).toBe('2 / 1');
  });
});
