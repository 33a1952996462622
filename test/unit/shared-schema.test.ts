import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, REF_FIELD, scopesOf, type EntityName } from '../../shared/schema';
import {
  IDS,
  makeAcknowledgement,
  makeChange,
  makeConflict,
  makeHold,
  makeNote,
  makeOperation,
  makeQuantityReport,
  makeReasonCode,
  makeStation,
  makeUser,
  makeWorkOrder,
} from '../fakes/builders';

describe('ENTITIES', () => {
  it('names the public collections of DESIGN §4', () => {
    expect(ENTITY_NAMES).toEqual(
      expect.arrayContaining([
        'workOrders',
        'operations',
        'travelers',
        'scheduleChanges',
        'acknowledgements',
        'quantityReports',
        'notes',
        'holds',
        'conflicts',
        'users',
        'stations',
      ]),
    );
    expect(ENTITY_NAMES).not.toContain('devices');
  });

  it.each<[EntityName, object]>([
    ['stations', makeStation()],
    ['workOrders', makeWorkOrder()],
    ['operations', makeOperation()],
    ['holds', makeHold()],
    ['users', makeUser()],
    ['scheduleChanges', makeChange()],
    ['acknowledgements', makeAcknowledgement()],
    ['reasonCodes', makeReasonCode()],
    ['quantityReports', makeQuantityReport()],
    ['notes', makeNote()],
    ['conflicts', makeConflict()],
  ])('the %s builder makes a valid record', (entity, value) => {
    expect(ENTITIES[entity].parse(value)).toEqual(value);
  });

  it.each<[EntityName, object]>([
    ['workOrders', makeWorkOrder({ quantity: 0 })],
    ['workOrders', makeWorkOrder({ priority: 1000 })],
    ['workOrders', makeWorkOrder({ dueAt: '2026-11-25 16:00' })],
    ['operations', makeOperation({ status: 'done' as never })],
    ['operations', makeOperation({ good: -1 })],
    ['holds', makeHold({ reason: '' })],
    ['scheduleChanges', makeChange({ stationIds: [] })],
    ['users', makeUser({ role: 'guest' as never })],
    ['notes', makeNote({ text: '' })],
    ['quantityReports', makeQuantityReport({ at: 'yesterday' })],
  ])('%s rejects a bad record (%#)', (entity, value) => {
    expect(ENTITIES[entity].safeParse(value).success).toBe(false);
  });

  it('every record needs version and updatedAt', () => {
    const { version: _v, ...noVersion } = makeOperation();
    expect(ENTITIES.operations.safeParse(noVersion).success).toBe(false);
  });
});

describe('REF_FIELD', () => {
  it.each<[EntityName, string]>([
    ['operations', 'workOrderId'],
    ['travelers', 'workOrderId'],
    ['holds', 'workOrderId'],
    ['quantityReports', 'operationId'],
    ['acknowledgements', 'changeId'],
    ['notes', 'stationId'],
    ['reasonCodes', 'kind'],
    ['conflicts', 'deviceId'],
    ['documents', 'number'],
  ])('%s are looked up by %s', (entity, field) => {
    expect(REF_FIELD[entity]).toBe(field);
  });

  it("every ref field is a field of its entity's schema", () => {
    for (const [entity, field] of Object.entries(REF_FIELD) as [EntityName, string][]) {
      const shape = (ENTITIES[entity] as unknown as { shape: Record<string, unknown> }).shape;
      expect(shape, entity).toHaveProperty(field);
    }
  });

  it('only the entities above have a ref field', () => {
    expect(Object.keys(REF_FIELD).sort()).toEqual([
      'acknowledgements',
      'conflicts',
      'documents',
      'holds',
      'notes',
      'operations',
      'quantityReports',
      'reasonCodes',
      'travelers',
    ]);
  });
});

const PIN = { salt: 'c2FsdA==', iterations: 1, hash: 'aGFzaA==', proofSalt: 'cHJvb2Y=' };

describe('[S6] scopesOf', () => {
  it.each<[string, EntityName, Record<string, unknown>, string[]]>([
    ['audit is for the console only', 'audit', { stationIds: [IDS.saw] }, ['coordinator']],
    ['a rejection goes to its device only', 'rejections', { deviceId: 'dev-a', stationId: IDS.saw }, ['device:dev-a']],
    ['a coordinator without a PIN is not sent to tablets', 'users', makeUser({ role: 'coordinator', stationIds: [IDS.saw] }), ['coordinator']],
    ['an admin without a PIN is not sent to tablets', 'users', makeUser({ role: 'admin' }), ['coordinator']],
    ['[A2] a coordinator with a PIN goes to every tablet', 'users', makeUser({ role: 'coordinator', stationIds: [], pin: PIN }), ['*']],
    ['[A2] a quality engineer with a PIN goes to every tablet', 'users', makeUser({ role: 'quality', stationIds: [], pin: PIN }), ['*']],
    ['[A2] a lead with a PIN goes to every tablet', 'users', makeUser({ role: 'lead', stationIds: [IDS.mill], pin: PIN }), ['*']],
    ['[A2] a supervisor with a PIN goes to every tablet', 'users', makeUser({ role: 'supervisor', stationIds: [IDS.mill], pin: PIN }), ['*']],
    ['[X3] the auditor is never sent to tablets, PIN or not', 'users', makeUser({ role: 'auditor', stationIds: [IDS.mill], pin: PIN }), ['coordinator']],
    ['an operator with a PIN goes to their stations only', 'users', makeUser({ stationIds: [IDS.saw], pin: PIN }), [IDS.saw]],
    ['an operator goes to their stations', 'users', makeUser({ stationIds: [IDS.saw, IDS.mill] }), [IDS.saw, IDS.mill]],
    ['a lead goes to their stations', 'users', makeUser({ role: 'lead', stationIds: [IDS.mill] }), [IDS.mill]],
    ['[A2] an operator with no stations goes to no tablet', 'users', makeUser({ stationIds: [] }), ['coordinator']],
    ['an operation goes to its station', 'operations', makeOperation({ stationId: IDS.mill }), [IDS.mill]],
    ['a work order goes to the stations of its routing', 'workOrders', makeWorkOrder(), [IDS.saw, IDS.mill]],
    ['a hold goes to the stations of its job', 'holds', makeHold(), [IDS.saw, IDS.mill]],
    ['a schedule change goes to its target stations', 'scheduleChanges', makeChange({ stationIds: [IDS.paint] }), [IDS.paint]],
    [
      "an acknowledgement: its station and the change's, once each",
      'acknowledgements',
      makeAcknowledgement({ stationId: IDS.saw, stationIds: [IDS.saw, IDS.mill] }),
      [IDS.saw, IDS.mill],
    ],
    ['an acknowledgement without a station', 'acknowledgements', makeAcknowledgement({ stationId: null, stationIds: [IDS.mill] }), [IDS.mill]],
    ['a quantity report goes to its station', 'quantityReports', makeQuantityReport(), [IDS.saw]],
    ['a note goes to its station', 'notes', makeNote({ stationId: IDS.paint }), [IDS.paint]],
    ['a conflict goes to its stations and to the device that lost', 'conflicts', makeConflict({ deviceId: 'dev-b' }), [IDS.saw, 'device:dev-b']],
    ['a conflict with no stations still reaches its device', 'conflicts', makeConflict({ stationIds: [], deviceId: 'dev-b' }), ['device:dev-b']],
    ['stations are plant-wide', 'stations', makeStation(), ['*']],
    ['reason codes are plant-wide', 'reasonCodes', makeReasonCode(), ['*']],
    ['departments are plant-wide', 'departments', { id: 'd', name: 'Fab' }, ['*']],
    ['shifts are plant-wide', 'shifts', { id: 's', name: 'Day', start: '06:00', end: '14:00' }, ['*']],
  ])('%s', (_, entity, value, scopes) => {
    expect(scopesOf(entity, value)).toEqual(scopes);
  });
});
