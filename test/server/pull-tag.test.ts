import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness';

const OP = 'u-op-nguyen';

describe('pull cursor tag (issue 6, restored backups)', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
    await h.push({ token }, 'client-tag-1', [{ id: 1, name: 'addNote', args: { id: 'n-1', stationId: 'st-mill-1', text: 'x' }, actorId: OP }]);
  });
  afterEach(() => h.close());

  const pull = async (cursor: number, tag?: string) =>
    (await (await h.req(`/api/sync/pull?clientId=client-tag-1&cursor=${cursor}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`, { token })).json()) as Record<
      string,
      unknown
    >;

  it('[S6] a page carries the newest audit link as its tag; the same tag sent back is a normal pull', async () => {
    const page = await pull(0);
    const last = await h.store.lastAudit();
    expect(page.tag).toBe(`${last!.seq}:${last!.hash}`);
    expect(await pull(page.cursor as number, page.tag as string)).toMatchObject({ cursor: page.cursor, changes: [] });
  });

  it('[S6] a tag whose link the server no longer holds (or another link at its seq) answers reset', async () => {
    const page = await pull(0);
    const [seq] = (page.tag as string).split(':');
    expect(await pull(page.cursor as number, `${seq}:${'0'.repeat(64)}`)).toEqual({ reset: true });
    expect(await pull(page.cursor as number, `${Number(seq) + 5}:${'a'.repeat(64)}`)).toEqual({ reset: true });
    expect(await pull(page.cursor as number, 'not-a-tag')).toEqual({ reset: true });
  });
});
