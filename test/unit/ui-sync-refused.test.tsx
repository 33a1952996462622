// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SyncStatusBar, type SyncStatusBarProps } from '../../app/components/SyncStatusBar';
import { isRefused } from '../../app/sync/refused';
import { mount, q } from '../support/mount';

const bar = (o: Partial<SyncStatusBarProps> = {}): SyncStatusBarProps => ({
  title: 'Floorboard',
  online: true,
  syncing: false,
  pending: 2,
  lastSyncAt: '2026-01-01T09:58:00Z',
  lastError: 'server-client-taken',
  outdated: false,
  now: Date.parse('2026-01-01T10:00:00Z'),
  updateReady: false,
  updateBlocked: null,
  problems: [],
  onUpdate: () => undefined,
  onSyncNow: () => undefined,
  ...o,
});

/** DESIGN §8, issue 7 part 8: while pushes are refused the bar never says all is well. */
describe('SyncStatusBar while the server refuses this tablet', () => {
  it.each(['server-client-taken', 'device-revoked-or-unknown', 'mutation-gap'])('[§8] %s: no "No problems", no "every change was applied"', (code) => {
    const el = mount(() => <SyncStatusBar {...bar({ lastError: code, refused: isRefused(code) })} />);
    const toggle = q(el, 'sync-problems-toggle')!;
    expect(toggle.textContent).not.toContain('No problems');
    expect(q(el, 'sync-refused')!.textContent).toBe('Changes not reaching the server');
    toggle.click();
    expect(q(el, 'sync-problems')!.textContent).not.toContain('was applied');
    expect(q(el, 'sync-refused-detail')!.textContent).toContain('2 changes are kept on this tablet');
  });

  it('[§8] a passing error (offline) is not a refusal: the bar keeps its usual words', () => {
    expect(isRefused('offline')).toBe(false);
    expect(isRefused('server-rate-limited')).toBe(false);
    const el = mount(() => <SyncStatusBar {...bar({ lastError: 'offline', refused: false })} />);
    expect(q(el, 'sync-problems-toggle')!.textContent).toContain('No problems');
  });

  it('[L4] the first sync shows how far the download is', () => {
    const el = mount(() => <SyncStatusBar {...bar({ lastError: null, download: { records: 12_000, total: 24_052 } })} />);
    expect(q(el, 'sync-download')!.textContent).toContain('Downloading the plant: 12,000 of 24,052 records');
    const none = mount(() => <SyncStatusBar {...bar({ lastError: null, download: { records: 5_000, total: null } })} />);
    expect(q(none, 'sync-download')!.textContent).toContain('Downloading the plant: 5,000 records so far');
  });
});
