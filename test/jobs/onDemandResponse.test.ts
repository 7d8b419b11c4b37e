import type { ProvisioningLogEntry, ProvisioningStatus } from '../../src/domain/provisioningLogEntry';
import type { OnDemandOutcome } from '../../src/engine/onDemand/onDemandOutcome';
import { onDemandResponse, type OnDemandKey, type OnDemandValue } from '../../src/engine/onDemand/onDemandResponse';

function entry(id: string, status: ProvisioningStatus, errorCode?: string): ProvisioningLogEntry {
  return {
    id: `log-${id}`,
    activityDateTime: '2026-11-22T10:00:01.000Z',
    jobId: 'j',
    cycleId: 'ondemand-1',
    changeId: `change-${id}`,
    durationInMilliseconds: 250,
    provisioningAction: status === 'success' ? 'stagedDelete' : 'other',
    provisioningStatusInfo: {
      status,
      errorInformation: errorCode ? { errorCode, reason: `${errorCode} happened`, additionalDetails: null, errorCategory: status === 'failure' ? 'NonServiceFailure' : null, recommendedAction: null } : null,
    },
    sourceSystem: { id: 'scim', displayName: 'idbridge directory', details: {} },
    targetSystem: { id: 'scim', displayName: 'https://app.example/scim/v2', details: {} },
    sourceIdentity: { id, displayName: null, identityType: 'User', details: {} },
    targetIdentity: { id: `t-${id}`, displayName: null, identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: {} },
    modifiedProperties: [],
    provisioningSteps: [{ name: 'EntrySynchronizationSkip', provisioningStepType: 'referenceResolution', status: 'warning', description: 'd', details: { SkipReason: 'x' } }],
    initiatedBy: { id: '', displayName: 'idbridge', initiatorType: 'system' },
  };
}

const done = (id: string, status: ProvisioningStatus, errorCode?: string, objectType = 'User'): OnDemandOutcome => ({ kind: 'done', subject: { objectType, sourceKey: id }, log: entry(id, status, errorCode) });

function decode(subject: OnDemandOutcome, members: OnDemandOutcome[] = []): { key: OnDemandKey; value: OnDemandValue } {
  const pair = onDemandResponse(subject, members);
  expect(Object.keys(pair).sort()).toEqual(['key', 'value']);
  expect(typeof pair.key).toBe('string');
  expect(typeof pair.value).toBe('string');
  return { key: JSON.parse(pair.key) as OnDemandKey, value: JSON.parse(pair.value) as OnDemandValue };
}

describe('onDemandResponse (Graph stringKeyStringValuePair, reference §10.2)', () => {
  it('capitalises actions, step types and statuses as Graph does, and falls back to the source id for the identifier', () => {
    const { value } = decode(done('u1', 'success'));
    expect(value).toMatchObject({
      action: 'StagedDelete',
      reportableIdentifier: 'u1',
      startTime: '2026-11-22T10:00:00.750Z',
      endTime: '2026-11-22T10:00:01.000Z',
      provisioningSteps: [{ name: 'EntrySynchronizationSkip', type: 'ReferenceResolution', status: 'Warning', description: 'd', details: { SkipReason: 'x' } }],
      sourceSystem: { id: 'scim', name: 'idbridge directory' },
      targetIdentity: { id: 't-u1', type: 'urn:ietf:params:scim:schemas:core:2.0:User' },
    });
  });

  it.each<[string, OnDemandOutcome, OnDemandOutcome[], OnDemandKey]>([
    ['a skipped user', done('u1', 'skipped', 'RedundantExport'), [], { result: 'Skipped', details: { errorCode: 'RedundantExport', errorMessage: 'RedundantExport happened' } }],
    ['a failed user', done('u1', 'failure', 'UniquenessViolation'), [], { result: 'Failure', details: { errorCode: 'UniquenessViolation', errorMessage: 'UniquenessViolation happened' } }],
    ['a group created, its member in sync', done('g', 'success', undefined, 'Group'), [done('u1', 'skipped', 'RedundantExport')], { result: 'Success', details: {} }],
    [
      'a group whose second member failed: the member is named',
      done('g', 'success', undefined, 'Group'),
      [done('u1', 'success'), done('u2', 'failure', 'MandatoryFieldsMissing')],
      { result: 'Failure', details: { errorCode: 'MandatoryFieldsMissing', errorMessage: "User 'u2': MandatoryFieldsMissing happened" } },
    ],
    ['a group and its member both skipped', done('g', 'skipped', 'RedundantExport', 'Group'), [done('u1', 'skipped', 'NotEffectivelyEntitled')], { result: 'Skipped', details: { errorCode: 'RedundantExport', errorMessage: 'RedundantExport happened' } }],
  ])('key for %s', (_name, subject, members, key) => {
    expect(decode(subject, members).key).toEqual(key);
  });
});
