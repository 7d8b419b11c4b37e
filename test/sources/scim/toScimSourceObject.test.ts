import type { JsonObject } from '../../../src/domain/identityObject';
import { toScimSourceObject } from '../../../src/sources/scim/toScimSourceObject';
import { sourceObjectTypesOf } from '../../../src/sources/sourceObjectType';
import { directoryJob, testJob } from '../../support/jobFixtures';

describe('toScimSourceObject', () => {
  it('keys a user by id, versions it by meta.lastModified normalised as the gateway does, and keeps its data', () => {
    const data = { id: 'u1', userName: 'ada', groups: [{ value: 'g1' }], meta: { lastModified: '2026-11-21T10:00:00+01:00' } };
    expect(toScimSourceObject('User', { id: 'u1', data })).toEqual({ objectType: 'User', key: 'u1', data, version: '2026-11-21T09:00:00.000Z' });
  });

  it('has no version without a readable meta.lastModified', () => {
    expect(toScimSourceObject('User', { id: 'u1', data: { id: 'u1', meta: { lastModified: 'last week' } } }).version).toBeUndefined();
  });

  it('reduces group members to sorted, distinct {value[, type]}, dropping display and $ref', () => {
    const data: JsonObject = {
      id: 'g1',
      displayName: 'Staff',
      members: [
        { value: 'u2', display: 'Bob', $ref: 'https://hr.example/scim/v2/Users/u2' },
        { value: 'g9', type: 'Group' },
        { value: 'u1', type: 'User', display: 'Ada' },
        { value: 'u2', display: 'Bob again' },
        { display: 'no value' },
        'not an object',
        { value: '' },
      ],
    };
    expect(toScimSourceObject('Group', { id: 'g1', data }).data.members).toEqual([{ value: 'g9', type: 'Group' }, { value: 'u1', type: 'User' }, { value: 'u2' }]);
  });

  it('leaves a group without members as the source sent it', () => {
    expect(toScimSourceObject('Group', { id: 'g1', data: { id: 'g1', displayName: 'G' } }).data).toEqual({ id: 'g1', displayName: 'G' });
  });
});

describe('sourceObjectTypesOf', () => {
  it('reads the types enabled object mappings name, users first, as the gateway stages them', () => {
    expect(sourceObjectTypesOf(directoryJob())).toEqual(['User', 'Group']);
    expect(sourceObjectTypesOf(testJob())).toEqual(['User']);
    expect(sourceObjectTypesOf(testJob({}, { enabled: false }))).toEqual([]);
    expect(sourceObjectTypesOf(testJob({}, { sourceObjectName: 'group' }))).toEqual(['Group']);
  });
});
