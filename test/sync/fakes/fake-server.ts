import { applyMutation } from '../../../shared/domain/mutators';
import type { MutationContext, Tx } from '../../../shared/domain/tx';
import type { Change, PushRequest } from '../../../shared/protocol';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { REF_FIELD, type EntityName } from '../../../shared/schema';
import { makePlant } from './plant';

type Rec = Record<string, unknown> & { id: string };

/**
 * An in-memory stand-in for the sync server, for unit tests of the client only: the protocol's
 * push (S2, S3, S5) and pull (S6) with one device at stations s1+s2 and no auth.
 */
export function createFakeServer() {
  const rows = new Map<string, { entity: EntityName; value: Rec; seq: number }>();
  const lastMutation = new Map<string, number>();
  let seq = 0;
  const key = (e: string, id: string) => `${e}\u0000${id}`;
  for (const { entity, value } of makePlant()) {
    seq++;
    rows.set(key(entity, value.id as string), { entity, value: { ...value, id: value.id as string, version: seq }, seq });
  }

  const tx: Tx = {
    async get(entity, id) {
      return rows.get(key(entity, id))?.value as never;
    },
    async byRef(entity, ref) {
      const f = REF_FIELD[entity]!;
      return [...rows.values()].filter((r) => r.entity === entity && r.value[f] === ref).map((r) => r.value) as never;
    },
    async put(entity, value) {
      seq++;
      rows.set(key(entity, (value as Rec).id), { entity, value: { ...(value as Rec), version: seq, updatedAt: 'x' }, seq });
    },
  };

  async function push(body: PushRequest) {
    if (body.protocol !== PROTOCOL_VERSION) return { status: 400, body: { code: 'protocol-version', message: 'old' } };
    let last = lastMutation.get(body.clientId) ?? 0;
    const fresh = body.mutations.filter((m) => m.id > last);
    if (fresh.length && fresh[0]!.id !== last + 1) return { status: 409, body: { code: 'mutation-gap', message: 'gap', lastMutationId: last } };
    const results = [];
    for (const m of fresh) {
      const user = rows.get(key('users', m.actorId))?.value as { id: string; role: never; stationIds: string[] } | undefined;
      const ctx: MutationContext = { actor: user ?? { id: m.actorId, role: 'operator' as never, stationIds: [] }, deviceId: 'dev1', deviceStationIds: ['s1', 's2'], at: m.at, now: m.at };
      const r = await applyMutation(tx, m.name, m.args, ctx);
      server.applied.push({ clientId: body.clientId, id: m.id, outcome: r.outcome });
      results.push({ id: m.id, outcome: r.outcome });
      last = m.id;
    }
    lastMutation.set(body.clientId, last);
    return { status: 200, body: { lastMutationId: last, results } };
  }

  function pull(clientId: string, cursor: number, pageSize: number) {
    if (server.resetNext) {
      server.resetNext = false;
      return { status: 200, body: { reset: true } };
    }
    const all = [...rows.values()].filter((r) => r.seq > cursor).sort((a, b) => a.seq - b.seq);
    const page = all.slice(0, pageSize);
    const changes: Change[] = page.map((r) => ({ entity: r.entity, id: r.value.id, version: r.seq, value: r.value }));
    const more = all.length > page.length;
    return { status: 200, body: { cursor: more ? page[page.length - 1]!.seq : seq, lastMutationId: lastMutation.get(clientId) ?? 0, changes, more } };
  }

  const server = {
    applied: [] as { clientId: string; id: number; outcome: string }[],
    requests: [] as string[],
    resetNext: false,
    pageSize: 1000,
    /** What the next request answers instead, once (status, body), or a thrown network error. */
    override: null as null | { status: number; body: unknown } | 'network',
    tx,
    get: (entity: EntityName, id: string) => rows.get(key(entity, id))?.value,
    fetch: async (input: string, init?: RequestInit): Promise<Response> => {
      const url = new URL(input, 'http://fb.test');
      server.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const o = server.override;
      server.override = null;
      if (o === 'network') throw new TypeError('fetch failed');
      let r: { status: number; body: unknown };
      if (o) r = o;
      else if (url.pathname === '/api/sync/push') r = await push(JSON.parse(String(init?.body)) as PushRequest);
      else if (url.pathname === '/api/sync/pull') r = pull(url.searchParams.get('clientId')!, Number(url.searchParams.get('cursor')), server.pageSize);
      else r = { status: 404, body: { code: 'not-found', message: '' } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    },
  };
  return server;
}
