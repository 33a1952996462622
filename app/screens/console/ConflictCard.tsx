import { createSignal, Show } from 'solid-js';
import type { Conflict } from '../../../shared/schema';
import { BackingMark } from '../../components/BackingMark';
import { sentenceFor } from '../../components/outcome-text';
import { formatDateTime, t } from '../../i18n';
import { didWords, keptWords, triedWords } from './conflict-words';

export type ConflictChoice = 'server' | 'mine';

/**
 * One open conflict (C2, C4): the job by name, what the tablet tried and what had happened on the
 * server, in words, and two explicit choices on this card. A choice asks once more, with an
 * optional note, before it is sent.
 */
export function ConflictCard(props: {
  conflict: Conflict;
  /** "WO-241004 · op 10 · Mill 1". */
  job: string;
  nameOf: (id: string) => string;
  deviceName: (id: string) => string;
  busy: boolean;
  onResolve: (choice: ConflictChoice, note: string) => void;
}) {
  const [asking, setAsking] = createSignal<ConflictChoice | null>(null);
  const [note, setNote] = createSignal('');
  const x = () => props.conflict;
  // T4: a start or completion on a stale traveler was applied; there is nothing of the tablet's to apply again.
  const applied = () => x().code === 'stale-traveler-revision';
  const kept = () => keptWords(x(), props.nameOf);
  const noteId = () => `conflict-note-${x().id}`;

  return (
    <div class="card" data-testid="conflict-item" data-conflict-id={x().id} data-code={x().code}>
      <h3 data-testid="conflict-job">{props.job}</h3>
      <p style={{ 'font-weight': 700 }} data-testid="conflict-why">
        {sentenceFor(x().code, x().message)}
      </p>
      <div class="grid-2">
        <div>
          <div class="k muted" style={{ 'font-weight': 800 }}>
            {t('console.conflicts.tabletTried')}
          </div>
          <p data-testid="conflict-mine">
            {t('console.conflicts.triedAt', props.nameOf(x().actorId), props.deviceName(x().deviceId), triedWords(x().mutation), formatDateTime(x().at))}{' '}
            <BackingMark backing={x().backing} deviceId={x().deviceId} deviceName={props.deviceName(x().deviceId)} />
          </p>
        </div>
        <div>
          <div class="k muted" style={{ 'font-weight': 800 }}>
            {t('console.conflicts.serverHad')}
          </div>
          <p data-testid="conflict-other">
            <Show when={x().other} fallback={t('console.conflicts.nothingNewer')}>
              {(o) => t('console.conflicts.didAt', props.nameOf(o().actorId), props.deviceName(o().deviceId), didWords(o().mutation), formatDateTime(o().at))}
            </Show>
          </p>
          <Show when={kept().length}>
            <p class="muted" data-testid="conflict-kept">
              {t('console.conflicts.keptNow', kept().join(', '))}
            </p>
          </Show>
        </div>
      </div>
      <Show when={applied()}>
        <p class="muted">{t('console.conflicts.alreadyApplied')}</p>
      </Show>
      <Show
        when={asking()}
        fallback={
          <div class="actions">
            <button type="button" class="btn btn-primary" data-testid="conflict-keep-server" disabled={props.busy} onClick={() => setAsking('server')}>
              {t('console.conflicts.keepServer')}
            </button>
            <Show when={!applied()}>
              <button type="button" class="btn" data-testid="conflict-apply-mine" disabled={props.busy} onClick={() => setAsking('mine')}>
                {t('console.conflicts.applyMine')}
              </button>
            </Show>
          </div>
        }
      >
        {(choice) => (
          <div class="panel" data-testid="conflict-confirm" data-choice={choice()}>
            <p style={{ 'font-weight': 700 }}>
              {choice() === 'server' ? t('console.conflicts.confirmServer', props.job) : t('console.conflicts.confirmMine', props.job)}
            </p>
            <label for={noteId()}>{t('console.conflicts.note')}</label>
            <input
              id={noteId()}
              data-testid="conflict-note"
              maxLength={1000}
              placeholder={t('console.conflicts.notePlaceholder')}
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <div class="actions">
              <button
                type="button"
                class="btn btn-primary"
                data-testid="conflict-confirm-yes"
                disabled={props.busy}
                onClick={() => props.onResolve(choice(), note().trim())}
              >
                {choice() === 'server' ? t('console.conflicts.yesServer') : t('console.conflicts.yesMine')}
              </button>
              <button type="button" class="btn" data-testid="conflict-confirm-back" onClick={() => setAsking(null)}>
                {t('console.conflicts.back')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}
