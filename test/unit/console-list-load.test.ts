// @vitest-environment jsdom
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createListLoad, type LoadFailure, loadFailureText } from '../../app/screens/console/list-load';
import type { ApiResult } from '../../app/session/console-api';

const fail = (code: string, status: number, message = ''): LoadFailure => ({ code, message, status });

describe('loadFailureText', () => {
  it.each([
    [fail('offline', 0), 'Could not load the stations: the server did not answer. Nothing is lost.'],
    [fail('http-503', 503), 'Could not load the stations: the server could not answer just now. Nothing is lost.'],
    [fail('storage-unavailable', 503), 'Could not load the stations: the server could not answer just now. Nothing is lost.'],
    [fail('unauthorized', 401), 'Could not load the stations: your sign-in has ended; sign in again. Nothing is lost.'],
    [fail('forbidden', 403), 'Could not load the stations: your role may not see it. Nothing is lost.'],
    [fail('invalid-response', 200), 'Could not load the stations: the server answered something this page cannot read; reload the page. Nothing is lost.'],
    [fail('rate-limited', 429), 'Could not load the stations: the server is busy. Nothing is lost.'],
    [fail('invalid-request', 400), 'Could not load the stations: the server refused the request as invalid. Nothing is lost.'],
  ])('%o', (f, text) => {
    expect(loadFailureText('stations', f)).toBe(text);
  });

  it('is null when nothing failed', () => {
    expect(loadFailureText('stations', null)).toBeNull();
  });
});

/** Answers queued by the test, each when the test resolves it: the network the list talks to. */
function answers<T>() {
  const pending: ((r: ApiResult<T>) => void)[] = [];
  return {
    load: () => new Promise<ApiResult<T>>((resolve) => pending.push(resolve)),
    answer: async (r: ApiResult<T>) => {
      pending.shift()!(r);
      await new Promise((r) => setTimeout(r, 0));
    },
    waiting: () => pending.length,
  };
}
const OFFLINE = { ok: false as const, code: 'offline', message: 'the server cannot be reached', status: 0 };

describe('createListLoad', () => {
  it('tells a failed load from an empty list, loads again on reload, and keeps the last list when a later load fails', async () => {
    const net = answers<string[]>();
    await createRoot(async (dispose) => {
      const list = createListLoad(net.load);
      expect([list.loading(), list.failure(), list.value()]).toEqual([true, null, undefined]);

      await net.answer(OFFLINE);
      expect([list.loading(), list.failure(), list.value()]).toEqual([
        false,
        { code: 'offline', message: 'the server cannot be reached', status: 0 },
        undefined,
      ]);

      const reloaded = list.reload();
      expect(net.waiting()).toBe(1);
      expect(list.loading()).toBe(true);
      await net.answer({ ok: true, value: [] });
      await reloaded;
      expect([list.loading(), list.failure(), list.value()]).toEqual([false, null, []]);

      void list.reload();
      await net.answer({ ok: true, value: ['Night'] });
      void list.reload();
      // A reload of a list that loaded is no "Loading…": its rows stay on screen meanwhile.
      expect(list.loading()).toBe(false);
      await net.answer({ ok: false, code: 'http-503', message: 'Service Unavailable', status: 503 });
      expect(list.failure()?.status).toBe(503);
      expect(list.value()).toEqual(['Night']);
      dispose();
    });
  });

  it('does not load while `when` is false', async () => {
    const net = answers<string[]>();
    createRoot((dispose) => {
      const list = createListLoad(net.load, () => false);
      expect(net.waiting()).toBe(0);
      expect(list.loading()).toBe(true);
      dispose();
    });
  });
});
