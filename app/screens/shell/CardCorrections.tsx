import { createSignal, onCleanup, Show } from 'solid-js';
import type { QuantityReport, ReasonCode, Shift } from '../../../shared/schema';
import { CardUndo } from '../../components/CardUndo';
import { ReportCorrections } from '../../components/ReportCorrections';
import { correctableRows, currentShift, isCorrector, lastOwnAct } from '../../components/report-rows';
import type { QueueItem } from '../../queries/queue';
import type { createCorrectionActions } from './correction-actions';
import { useTablet } from './tablet-context';

export interface CardCorrectionsProps {
  item: QueueItem;
  /** The station's reports (`useStationReports`): this card takes its operation's. */
  reports: readonly QuantityReport[];
  shifts: readonly Shift[];
  scrapReasons: ReasonCode[];
  busy: boolean;
  fix: ReturnType<typeof createCorrectionActions>;
}

/** A card's Undo and its Reports panel, for the person signed in (§4 undoLast, correctQuantity). */
export function CardCorrections(props: CardCorrectionsProps) {
  const tab = useTablet();
  // The shift boundary moves what an operator may correct: look again every half minute.
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(timer));
  const opId = () => props.item.operation.id;
  const mine = () => props.reports.filter((r) => r.operationId === opId());
  const shift = () => currentShift(props.shifts, now());
  return (
    <Show when={tab.user()}>
      {(u) => (
        <>
          <CardUndo target={lastOwnAct(props.item.operation, mine(), u().id)} busy={props.busy} onUndo={(target) => void props.fix.undo(opId(), target)} />
          <ReportCorrections
            rows={correctableRows(mine(), u(), shift(), now())}
            lead={isCorrector(u().role)}
            nameOf={tab.nameOf}
            scrapReasons={props.scrapReasons}
            busy={props.busy}
            onCorrect={(d) => props.fix.correct(opId(), d, isCorrector(u().role) ? undefined : shift()?.id)}
          />
        </>
      )}
    </Show>
  );
}
