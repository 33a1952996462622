import { createSignal, For, Show } from 'solid-js';
import type { SpecialFlag } from '../../../../shared/schema';
import { formatDate, formatNumber, t } from '../../../i18n';
import type { TravelerSheetData } from '../../../queries/travelers';
import { Code128 } from './Code128';
import { travelerPayload } from './payload';

export type Paper = 'a4' | 'letter';

const FLAG_KEY: Record<SpecialFlag, 'flag.first-article' | 'flag.npi' | 'flag.trial' | 'flag.customer-special'> = {
  'first-article': 'flag.first-article',
  npi: 'flag.npi',
  trial: 'flag.trial',
  'customer-special': 'flag.customer-special',
};

/**
 * A work order's printed traveler (DESIGN §9): a cover sheet with the traveler's Code 128, part,
 * revision, quantity, due, special requirements (T6) and the routing with one barcode per
 * operation. What is printed scans back to the same job (test/e2e/console-print.test.ts).
 */
export function TravelerSheet(props: { data: TravelerSheetData; stationName: (id: string) => string; onClose: () => void }) {
  const [paper, setPaper] = createSignal<Paper>('a4');
  const wo = () => props.data.workOrder;
  const revision = () => props.data.traveler?.revision ?? wo().revision;
  return (
    <div class="print-overlay" data-testid="print-overlay">
      <div class="print-controls no-print">
        <span>{t('print.paper')}</span>
        <button type="button" class="chip" aria-pressed={paper() === 'a4'} data-testid="print-paper-a4" onClick={() => setPaper('a4')}>
          A4
        </button>
        <button type="button" class="chip" aria-pressed={paper() === 'letter'} data-testid="print-paper-letter" onClick={() => setPaper('letter')}>
          Letter
        </button>
        <button type="button" class="btn btn-primary" data-testid="print-now" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <button type="button" class="btn" data-testid="print-close" onClick={() => props.onClose()}>
          {t('action.close')}
        </button>
      </div>
      <Show when={!props.data.traveler}>
        <p class="msg msg-warn no-print" data-testid="print-no-traveler">
          {t('print.noTraveler')}
        </p>
      </Show>
      <article class={`print-sheet paper-${paper()}`} data-testid="traveler-sheet" data-paper={paper()}>
        <header class="print-head">
          <div>
            <h1>{t('print.title', wo().number)}</h1>
            <p class="print-part">
              {wo().partNumber} · {t('print.revision', revision())}
            </p>
            <p>{wo().description}</p>
          </div>
          <Code128 payload={travelerPayload(wo().number, null, revision())} label={wo().number} height={16} testId="barcode-cover" />
        </header>
        <dl class="kv print-kv">
          <div>
            <dt>{t('print.quantity')}</dt>
            <dd>{formatNumber(wo().quantity)}</dd>
          </div>
          <div>
            <dt>{t('print.due')}</dt>
            <dd>{formatDate(wo().dueAt)}</dd>
          </div>
          <div>
            <dt>{t('print.priority')}</dt>
            <dd>{wo().priority}</dd>
          </div>
          <div>
            <dt>{t('print.travelerRevision')}</dt>
            <dd>{revision()}</dd>
          </div>
        </dl>
        <section class="print-special" data-testid="print-special">
          <h2>{t('print.special')}</h2>
          <Show when={(props.data.traveler?.flags.length ?? 0) > 0 || props.data.traveler?.notes} fallback={<p>{t('print.noSpecial')}</p>}>
            <ul>
              <For each={props.data.traveler?.flags ?? []}>{(f) => <li class="print-flag">{t(FLAG_KEY[f])}</li>}</For>
            </ul>
            <Show when={props.data.traveler?.notes}>
              <p>{props.data.traveler?.notes}</p>
            </Show>
          </Show>
        </section>
        <section>
          <h2>{t('print.routing')}</h2>
          <table class="print-routing" data-testid="print-routing">
            <thead>
              <tr>
                <th>{t('print.seq')}</th>
                <th>{t('print.operation')}</th>
                <th>{t('print.station')}</th>
                <th>{t('print.barcode')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.operations}>
                {(op) => (
                  <tr data-testid="print-op" data-seq={op.seq}>
                    <td>{op.seq}</td>
                    <td>{op.name}</td>
                    <td>{props.stationName(op.stationId)}</td>
                    <td>
                      <Code128 payload={travelerPayload(wo().number, op.seq, revision())} label={`${wo().number} ${op.seq}`} testId="barcode-op" />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
        <Show when={props.data.documents.length > 0}>
          <section>
            <h2>{t('print.documents')}</h2>
            <ul>
              <For each={props.data.documents}>
                {(d) => (
                  <li>
                    {d.number} · {d.title} · {t('print.revision', d.revision)}
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
      </article>
    </div>
  );
}
