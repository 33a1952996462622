import type { Clock } from '../../shared/domain/clock';
import { newId } from '../../shared/ids';
import type { CreateReasonRequest, UpdateReasonRequest } from '../../shared/protocol';
import type { ReasonCode } from '../../shared/schema';
import { audited, unchanged } from '../audit/office';
import type { UserActor } from '../auth/users';
import { HttpError } from '../errors';
import type { Store } from '../store/types';
import { draftOf, iso, one, sameName, type PlantWrite } from './records';

/**
 * Adds a reason code (F1). A code is unique within its kind in any case, retired ones included:
 * reports hold the code, so a new `dim` next to a retired `DIM` would make old reports read as new.
 */
export async function createReason(store: Store, clock: Clock, actor: UserActor, req: CreateReasonRequest): Promise<PlantWrite<ReasonCode>> {
  return store.transaction(async (tx) => {
    const clash = (await tx.byRef('reasonCodes', req.kind)).map((r) => JSON.parse(r.value) as ReasonCode).find((r) => sameName(r.code, req.code));
    if (clash) {
      throw new HttpError(
        409,
        'reason-code-taken',
        `the code ${clash.code} is taken by “${clash.label}”${clash.retired ? ' (retired; reports made with it keep it)' : ''}`,
      );
    }
    const reason = { id: `rc-${newId()}`, kind: req.kind, code: req.code, label: req.label };
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'createReasonCode',
      { reasonCodeId: reason.id, ...req },
      { entity: 'reasonCodes', before: null, after: reason },
    );
    return { value: await one(tx, 'reasonCodes', reason.id, 'reason code'), scopes };
  });
}

/** Changes a reason's label; its code and kind stay, since reports already made hold them. */
export async function updateReason(store: Store, clock: Clock, actor: UserActor, id: string, req: UpdateReasonRequest): Promise<PlantWrite<ReasonCode>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'reasonCodes', id, 'reason code');
    const after = { ...draftOf(before), label: req.label };
    if (unchanged(before, after)) return { value: before, scopes: [] };
    const scopes = await audited(
      tx,
      actor,
      iso(clock),
      'updateReasonCode',
      { reasonCodeId: id, code: before.code, label: req.label },
      { entity: 'reasonCodes', before, after },
    );
    return { value: await one(tx, 'reasonCodes', id, 'reason code'), scopes };
  });
}

/**
 * Retires a reason: the tablets stop offering it. A report made with it offline still applies
 * (the scrap happened, C1), and KPIs keep counting it under its code.
 */
export async function retireReason(store: Store, clock: Clock, actor: UserActor, id: string): Promise<PlantWrite<ReasonCode>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'reasonCodes', id, 'reason code');
    if (before.retired) return { value: before, scopes: [] };
    const after = { ...draftOf(before), retired: true };
    const scopes = await audited(tx, actor, iso(clock), 'retireReasonCode', { reasonCodeId: id, code: before.code }, { entity: 'reasonCodes', before, after });
    return { value: await one(tx, 'reasonCodes', id, 'reason code'), scopes };
  });
}

/** Offers a retired reason on the tablets again (a retire by mistake); its code was never reused meanwhile. */
export async function restoreReason(store: Store, clock: Clock, actor: UserActor, id: string): Promise<PlantWrite<ReasonCode>> {
  return store.transaction(async (tx) => {
    const before = await one(tx, 'reasonCodes', id, 'reason code');
    if (!before.retired) throw new HttpError(409, 'reason-not-retired', `the reason ${before.code} is not retired, so there is nothing to restore`);
    const { retired: _r, ...after } = draftOf(before);
    const scopes = await audited(tx, actor, iso(clock), 'restoreReasonCode', { reasonCodeId: id, code: before.code }, { entity: 'reasonCodes', before, after });
    return { value: await one(tx, 'reasonCodes', id, 'reason code'), scopes };
  });
}
