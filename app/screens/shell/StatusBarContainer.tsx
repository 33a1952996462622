import type { Accessor } from 'solid-js';
import type { User } from '../../../shared/schema';
import { SyncStatusBar } from '../../components/SyncStatusBar';
import { describeProblem } from '../../components/outcome-text';
import type { FloorboardDB } from '../../db';
import { useProblems } from '../../queries/problems';
import { useOutboxCount } from '../../queries/console';
import { now } from '../../session/clock';
import type { Runtime } from '../../session/runtime';
import { isRefused } from '../../sync/refused';
import { applyAppUpdate, midTask, updateBlockedReason, updateReady } from '../../session/update';

export interface StatusBarContainerProps {
  runtime: Runtime | undefined;
  deviceId: string | undefined;
  users: User[];
  title: string;
  subtitle?: string;
  detailsHref?: string;
  /** On a tablet, the person signed in: they see their own problems (a lead everyone's, named). */
  user?: () => User | null | undefined;
}

/** Feeds the presentational status bar from the runtime's sync status and the local tables. */
export function StatusBarContainer(props: StatusBarContainerProps) {
  const db: Accessor<FloorboardDB | undefined> = () => props.runtime?.db;
  const problems = useProblems(db, () => props.deviceId, 100, props.user);
  const outbox = useOutboxCount(db);
  const status = () => props.runtime?.status();
  const pending = () => Math.max(status()?.pending ?? 0, outbox());
  const nameOf = (id: string) => props.users.find((u) => u.id === id)?.name;
  return (
    <SyncStatusBar
      title={props.title}
      subtitle={props.subtitle}
      online={status()?.online ?? navigator.onLine}
      syncing={status()?.syncing ?? false}
      pending={pending()}
      lastSyncAt={status()?.lastSyncAt ?? null}
      lastError={status()?.lastError ?? null}
      outdated={status()?.outdated ?? false}
      now={now()}
      updateReady={updateReady()}
      updateBlocked={updateBlockedReason(pending(), midTask())}
      problems={problems().map((p) => ({ id: p.id, kind: p.kind, resolved: p.resolved, text: describeProblem(p, nameOf, props.user?.()?.id) }))}
      onUpdate={() => void applyAppUpdate(pending())}
      onSyncNow={() => void props.runtime?.client.syncNow().catch(() => undefined)}
      detailsHref={props.detailsHref}
      refused={isRefused(status()?.lastError)}
      download={status()?.download ?? null}
    />
  );
}
