import { createSignal } from 'solid-js';
import { newId } from '../../../shared/ids';
import type { MutationInput, MutationName } from '../../../shared/domain/mutators';
import type { MutationResultValue } from '../../../shared/domain/tx';
import { resultText } from '../../components/outcome-text';
import type { QuantityDraft } from '../../components/QuantityForm';
import { formatNumber, t as tr } from '../../i18n';
import type { QueueItem } from '../../queries/queue';
import { setBusy } from '../../session/update';
import type { TabletContextValue } from './tablet-context';

/** The reasons a pause offers (a pause may also give none). */

export interface ActionResult {
  /** What was tapped (`op:<id>`, `qty:<id>`, `ack:<id>` …): a card shows the results of its own taps. */
  key: string;
  text: string;
  outcome: string;
}

/**
 * The tablet's actions on work, shared by the station queue and the job screen: one mutation at a
 * time, its result in words next to what was tapped, and the update gate held while it runs.
 */
export function createOperationActions(t: TabletContextValue) {
  const [pendingKey, setPendingKey] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<ActionResult | null>(null);

  const act = async <N extends MutationName>(key: string, name: N, args: MutationInput<N>, done: string): Promise<MutationResultValue | undefined> => {
    const rt = t.runtime();
    const u = t.user();
    if (!rt || !u) return undefined;
    setPendingKey(key);
    setBusy('mutation', true);
    try {
      const r = await rt.client.mutate(name, args, u.id);
      setResult({ key, text: resultText(r, done, t.nameOf), outcome: r.outcome });
      return r;
    } catch (e) {
      console.error(`${name} failed on this tablet`, e);
      setResult({ key, text: tr('station.tabletError'), outcome: 'error' });
      return undefined;
    } finally {
      setPendingKey(null);
      setBusy('mutation', false);
    }
  };

  // T4: the revision of the traveler on screen; from the queue, the released one this tablet holds.
  const revisionOf = async (item: QueueItem, shown: string | undefined): Promise<{ travelerRevision?: string }> => {
    if (shown) return { travelerRevision: shown };
    const travelers = (await t.db()?.entity('travelers').where('workOrderId').equals(item.operation.workOrderId).toArray()) ?? [];
    const released = travelers.find((x) => x.status === 'released');
    return released ? { travelerRevision: released.revision } : {};
  };
  const number = (item: QueueItem) => item.workOrder?.number ?? '';
  const opKey = (item: QueueItem) => `op:${item.operation.id}`;
  return {
    pendingKey,
    result,
    setResult,
    act,
    /** A mutation for this operation is on its way. */
    busyFor: (operationId: string) => pendingKey() !== null && pendingKey()!.endsWith(operationId),
    /** `travelerRevision`: the revision the screen shows, when it shows one. */
    start: async (item: QueueItem, travelerRevision?: string) =>
      act(
        opKey(item),
        'startOperation',
        { operationId: item.operation.id, ...(await revisionOf(item, travelerRevision)) },
        tr('station.started', number(item), String(item.operation.seq)),
      ),
    pause: (item: QueueItem, reason: string | undefined) =>
      act(
        opKey(item),
        'pauseOperation',
        { operationId: item.operation.id, ...(reason ? { reason } : {}) },
        tr('station.paused', number(item), String(item.operation.seq)),
      ),
    complete: async (item: QueueItem, travelerRevision?: string) =>
      act(
        opKey(item),
        'completeOperation',
        { operationId: item.operation.id, ...(await revisionOf(item, travelerRevision)) },
        tr('station.completed', number(item), String(item.operation.seq)),
      ),
    /** Reports a quantity draft; the caller clears the draft when the result is `applied`. */
    report: (operationId: string, woNumber: string, d: QuantityDraft) => {
      const good = Number.parseInt(d.good || '0', 10);
      const scrap = Number.parseInt(d.scrap || '0', 10);
      const args = { id: newId(), operationId, good, scrap, ...(scrap > 0 ? { scrapReason: d.scrapReason } : {}) };
      return act(`qty:${operationId}`, 'reportQuantity', args, tr('station.saved', formatNumber(good), formatNumber(scrap), woNumber));
    },
  };
}

export type OperationActions = ReturnType<typeof createOperationActions>;
