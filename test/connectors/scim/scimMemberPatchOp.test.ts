import { scimMemberPatchOp } from '../../../src/connectors/scim/scimMemberPatchOp';
import { readScimMemberIds } from '../../../src/connectors/scim/readScimMemberIds';

describe('scimMemberPatchOp (RFC 7644 §3.5.2)', () => {
  it('adds members as one add of a value list', () => {
    expect(scimMemberPatchOp('add', ['a', 'b'])).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }],
    });
  });

  it('removes members with a value filter each, quoting the id as a SCIM string', () => {
    expect(scimMemberPatchOp('remove', ['a', 'x"y']).Operations).toEqual([
      { op: 'remove', path: 'members[value eq "a"]' },
      { op: 'remove', path: 'members[value eq "x\\"y"]' },
    ]);
  });
});

describe('readScimMemberIds', () => {
  it('reads members[].value, none when absent', () => {
    expect(readScimMemberIds(JSON.stringify({ id: 'g', members: [{ value: 'a' }, { value: 'a' }, { value: 'b', display: 'B' }] }), 'GET')).toEqual(['a', 'b']);
    expect(readScimMemberIds(JSON.stringify({ id: 'g' }), 'GET')).toEqual([]);
  });
});
