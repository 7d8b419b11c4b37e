import type { JsonObject } from '../../src/domain/identityObject';
import { previewReconcile } from '../../src/engine/previewReconcile';
import { fixedEnvironment } from '../../src/expressions/evaluationEnvironment';
import { testJob } from '../support/jobFixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const env = fixedEnvironment(new Date('2026-11-21T10:00:00Z'));

function record(extra: JsonObject = {}): JsonObject {
  return {
    externalId: '1',
    userName: 'ada@contoso.example',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ type: 'work', value: 'ada@contoso.example' }],
    [ENTERPRISE]: { department: 'Engineering' },
    ...extra,
  };
}

/** What the target holds after the engine created record() (title is add-only, so kept as created). */
function created(extra: JsonObject = {}): JsonObject {
  return {
    id: 't-1',
    externalId: '1',
    userName: 'ada@contoso.example',
    active: true,
    name: { givenName: 'Ada' },
    displayName: 'Ada Lovelace',
    title: 'HR',
    emails: [{ type: 'work', value: 'ada@contoso.example' }],
    [ENTERPRISE]: { department: 'Engineering' },
    ...extra,
  };
}

const names = (steps: { name: string }[]) => steps.map((s) => s.name);

describe('previewReconcile', () => {
  it('without a target: in scope, both matching values, a create with every mapped attribute', () => {
    const preview = previewReconcile(testJob(), 'User', record(), undefined, env);
    expect(preview.inScope).toBe(true);
    expect(preview.scopeDescription).toMatch(/No scoping filter/);
    expect(preview.matching).toEqual([
      { attribute: 'externalId', value: '1' },
      { attribute: 'userName', value: 'ada@contoso.example' },
    ]);
    expect(preview.decision.action).toBe('create');
    expect(preview.decision.resource).toMatchObject({ externalId: '1', displayName: 'Ada Lovelace', title: 'HR', active: true, [ENTERPRISE]: { department: 'Engineering' } });
    expect(preview.decision.modifiedProperties).toContainEqual({ displayName: 'displayName', oldValue: null, newValue: 'Ada Lovelace' });
    expect(names(preview.steps)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd']);
  });

  it('against a target that differs: an update of exactly what differs, matched on the first matching attribute', () => {
    const preview = previewReconcile(testJob(), 'User', record({ name: { givenName: 'Augusta', familyName: 'King' } }), { id: 't-1', data: created() }, env);
    expect(preview.matching).toEqual([
      { attribute: 'externalId', value: '1', matchesTarget: true },
      { attribute: 'userName', value: 'ada@contoso.example', matchesTarget: true },
    ]);
    expect(preview.decision).toEqual({
      action: 'update',
      targetId: 't-1',
      disables: false,
      changes: [
        { path: 'name.givenName', value: 'Augusta' },
        { path: 'displayName', value: 'Augusta King' },
      ],
      modifiedProperties: [
        { displayName: 'name.givenName', oldValue: 'Ada', newValue: 'Augusta' },
        { displayName: 'displayName', oldValue: 'Ada Lovelace', newValue: 'Augusta King' },
      ],
    });
    expect(preview.steps[2]).toEqual(expect.objectContaining({ name: 'EntrySynchronizationUpdate', status: 'success', details: { JoiningProperty: 'externalId', TargetAnchor: 't-1' } }));
  });

  it('against a target that already holds every value: skip with RedundantExport', () => {
    const preview = previewReconcile(testJob(), 'User', record(), { id: 't-1', data: created() }, env);
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'skip', reason: 'RedundantExport', modifiedProperties: [] }));
    expect(names(preview.steps)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationUpdate', 'EntrySynchronizationSkip']);
  });

  it('warns when the given target holds none of the matching values, and still plans against it', () => {
    const preview = previewReconcile(testJob(), 'User', record(), { id: 't-9', data: created({ externalId: '9', userName: 'other@contoso.example' }) }, env);
    expect(preview.matching.every((m) => m.matchesTarget === false)).toBe(true);
    expect(preview.steps[2]).toEqual(expect.objectContaining({ status: 'warning' }));
    expect(preview.decision.action).toBe('update');
  });

  const salesOnly = { scope: { groups: [{ clauses: [{ sourceOperandName: `${ENTERPRISE}:department`, operatorName: 'EQUALS', targetOperand: { values: ['Sales'] } }] }] } };

  it('out of scope and never provisioned: skip with NotEffectivelyEntitled', () => {
    const preview = previewReconcile(testJob({}, salesOnly), 'User', record(), undefined, env);
    expect(preview.inScope).toBe(false);
    expect(preview.scopeDescription).toMatch(/No scoping filter group passed/);
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'skip', reason: 'NotEffectivelyEntitled' }));
    expect(preview.steps[1]).toEqual(expect.objectContaining({ name: 'EntrySynchronizationScoping', status: 'skipped', details: { ScopeEvaluationResult: 'OutOfScope' } }));
  });

  it('out of scope with a provisioned target: the planner disables it', () => {
    const preview = previewReconcile(testJob({}, salesOnly), 'User', record(), { id: 't-1', data: created() }, env);
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'update', disables: true, changes: [{ path: 'active', value: false }] }));
  });

  it('without a target and with no matching value: skip with ImportSkipped', () => {
    const source = record();
    delete source.externalId;
    delete source.userName;
    const preview = previewReconcile(testJob(), 'User', source, undefined, env);
    expect(preview.matching.map((m) => m.value)).toEqual([null, null]);
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'skip', reason: 'ImportSkipped' }));
  });

  it('an object type the job does not map: skip with NoObjectMapping', () => {
    const preview = previewReconcile(testJob(), 'Group', record(), undefined, env);
    expect(preview).toEqual(expect.objectContaining({ inScope: false, matching: [], decision: expect.objectContaining({ action: 'skip', reason: 'NoObjectMapping' }) }));
  });

  it('masks passwords in the import step', () => {
    const preview = previewReconcile(testJob(), 'User', record({ password: 'hunter2' }), undefined, env);
    expect(preview.steps[0]?.details.password).toBe('[Redacted]');
  });
});
