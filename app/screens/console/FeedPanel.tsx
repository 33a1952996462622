import { createSignal, For, Show } from 'solid-js';
import { BackingMark } from '../../components/BackingMark';
import { sentenceFor } from '../../components/outcome-text';
import { formatDateTimeSeconds, t } from '../../i18n';
import { useAuditFeed, useReasonLabel, useSubjectNamer } from '../../queries/console';
import { actText } from './act-words';
import { consoleApi, type AuditVerifyReport } from '../../session/console-api';
import { headText, verifyLines, type VerifyLine } from './audit-verify-text';
import { useConsole } from './console-context';
import { cliActor, officeActText } from './office-acts';

const FLAG_WORD: Record<string, `console.flag.${'late' | 'clockAhead' | 'clockBehind' | 'clockInvalid'}`> = {
  late: 'console.flag.late',
  'clock-ahead': 'console.flag.clockAhead',
  'clock-behind': 'console.flag.clockBehind',
  'clock-invalid': 'console.flag.clockInvalid',
};
const flagWord = (f: string) => {
  const key = FLAG_WORD[f];
  return key ? t(key) : f;
};

const when = (iso: string) => formatDateTimeSeconds(iso);

/** (a) Every synced update as it arrives, newest first, with both clocks (S10). */
export function FeedPanel() {
  const c = useConsole();
  const [limit, setLimit] = createSignal(100);
  const feed = useAuditFeed(c.db, limit);
  const subject = useSubjectNamer(c.db);
  const reasonLabel = useReasonLabel(c.db);
  const [verify, setVerify] = createSignal<{ ok: boolean; lines: VerifyLine[]; head?: AuditVerifyReport['head'] } | null>(null);
  const [verifying, setVerifying] = createSignal(false);
  // A head published earlier (in a brief, an evidence pack, a printout): the chain must still hold it (X5).
  const [published, setPublished] = createSignal('');

  const runVerify = async () => {
    setVerifying(true);
    const r = await consoleApi.verifyAudit(published().trim() || undefined);
    setVerifying(false);
    if (!r.ok)
      setVerify({ ok: false, lines: [{ ok: false, testid: 'audit-verify-error', text: t('console.feed.couldNotCheck', sentenceFor(r.code, r.message)) }] });
    else setVerify({ ok: r.value.ok, lines: verifyLines(r.value), head: r.value.head });
  };

  return (
    <section data-testid="feed-panel">
      <div class="topline">
        <h2 style={{ margin: '0 auto 0 0' }}>{t('console.tab.feed')}</h2>
        <button type="button" class="btn" data-testid="audit-verify" disabled={verifying()} onClick={() => void runVerify()}>
          {verifying() ? t('console.feed.checking') : t('console.feed.verify')}
        </button>
        <a class="btn" href="/api/audit/export" data-testid="audit-export" download="audit.jsonl">
          {t('console.feed.export')}
        </a>
      </div>
      <label for="audit-published-head">{t('console.feed.publishedLabel')}</label>
      <input
        id="audit-published-head"
        data-testid="audit-published-head"
        placeholder={t('console.feed.publishedPlaceholder')}
        value={published()}
        onInput={(e) => setPublished(e.currentTarget.value)}
        maxLength={100}
        spellcheck={false}
      />
      <Show when={verify()}>
        <div class={`msg ${verify()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="audit-verify-result" data-ok={verify()!.ok ? 'true' : 'false'}>
          <For each={verify()!.lines}>
            {(l) => (
              <p data-testid={l.testid} data-ok={l.ok ? 'true' : 'false'} style={{ margin: '4px 0' }}>
                {l.text}
              </p>
            )}
          </For>
          <Show when={verify()!.head}>
            <p style={{ margin: '4px 0' }}>
              {t('console.feed.headToPublish')}{' '}
              <code data-testid="audit-head" style={{ 'overflow-wrap': 'anywhere' }}>
                {headText(verify()!.head!)}
              </code>
              {verify()!.head!.at ? ` (${when(verify()!.head!.at!)})` : ''}
            </p>
          </Show>
        </div>
      </Show>
      <ul class="feed" data-testid="feed">
        <For each={feed()} fallback={<li class="muted">{t('console.feed.none')}</li>}>
          {(e) => (
            <li
              class={e.outcome !== 'applied' ? `row-${e.outcome}` : ''}
              data-testid="feed-entry"
              data-outcome={e.outcome}
              data-mutation={e.mutation}
              data-flags={e.flags.join(' ')}
              data-backing={e.backing ?? ''}
              style={{ padding: '10px 8px' }}
            >
              <div style={{ display: 'flex', gap: '10px', 'flex-wrap': 'wrap', 'align-items': 'baseline' }}>
                <strong data-testid="feed-who">{cliActor(e.actorId) ?? c.nameOf(e.actorId)}</strong>
                <BackingMark backing={e.backing} deviceId={e.deviceId} deviceName={c.deviceName(e.deviceId)} />
                <span data-testid="feed-what">
                  {officeActText(e.mutation, e.args) ?? actText(e.mutation, e.args, { reasonLabel: reasonLabel() })}
                  <Show when={subject()(e.args)}>
                    {' '}
                    — <strong>{subject()(e.args)}</strong>
                  </Show>
                </span>
                <Show when={e.outcome !== 'applied'}>
                  <span class={`badge ${e.outcome === 'rejected' ? 'badge-late' : 'badge-flag'}`} data-testid="feed-outcome">
                    {e.outcome === 'rejected' ? t('console.feed.rejected') : t('console.feed.conflict')}: {sentenceFor(e.code)}
                  </span>
                </Show>
                <For each={e.flags}>
                  {(f) => (
                    <span class="badge badge-flag" data-testid="feed-flag" data-flag={f}>
                      ⚠ {flagWord(f)}
                    </span>
                  )}
                </For>
              </div>
              <div class="muted" style={{ 'font-size': '.9rem' }}>
                {c.deviceName(e.deviceId)}
                {e.stationIds.length ? ` · ${e.stationIds.map(c.stationName).join(', ')}` : ''} · {t('console.feed.happened')}{' '}
                <span data-testid="feed-device-time">{when(e.at)}</span> {t('console.feed.deviceClock')} · {t('console.feed.synced')}{' '}
                <span data-testid="feed-server-time">{when(e.serverAt)}</span> {t('console.feed.serverClock')}
              </div>
            </li>
          )}
        </For>
      </ul>
      <Show when={feed().length >= limit()}>
        <button type="button" class="btn" data-testid="feed-more" onClick={() => setLimit(limit() + 200)}>
          {t('console.feed.older')}
        </button>
      </Show>
    </section>
  );
}
