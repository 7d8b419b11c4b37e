import { ValidationError } from '../../src/domain/errors';
import type { JsonObject, JsonValue } from '../../src/domain/identityObject';
import { applyPatch } from '../../src/scim/applyPatch';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function user(): JsonObject {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'u1',
    userName: 'ada',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ type: 'work', value: 'ada@contoso.com', primary: true }],
    roles: [{ value: 'r1' }],
  };
}

function patch(...operations: JsonValue[]): JsonValue {
  return { schemas: [PATCH_OP], Operations: operations };
}

describe('applyPatch', () => {
  test.each<[string, JsonValue, (u: JsonObject) => void]>([
    ['Entra Replace with "False"', patch({ op: 'Replace', path: 'active', value: 'False' }), (u) => expect(u.active).toBe(false)],
    ['replace with boolean', patch({ op: 'replace', path: 'active', value: false }), (u) => expect(u.active).toBe(false)],
    [
      'filtered work email',
      patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' }),
      (u) => expect(u.emails).toEqual([{ type: 'work', value: 'new@contoso.com', primary: true }]),
    ],
    ['sub-attribute', patch({ op: 'Replace', path: 'name.familyName', value: 'Byron' }), (u) => expect(u.name).toEqual({ givenName: 'Ada', familyName: 'Byron' })],
    [
      'Add to a multi-valued attribute appends without duplicates',
      patch({ op: 'Add', path: 'roles', value: [{ value: 'r1' }, { value: 'r2' }] }),
      (u) => expect(u.roles).toEqual([{ value: 'r1' }, { value: 'r2' }]),
    ],
    ['replace of a multi-valued attribute replaces', patch({ op: 'replace', path: 'roles', value: [{ value: 'r3' }] }), (u) => expect(u.roles).toEqual([{ value: 'r3' }])],
    [
      'extension attribute adds the URN to schemas',
      patch({ op: 'Add', path: `${ENTERPRISE}:employeeNumber`, value: '42' }),
      (u) => {
        expect(u[ENTERPRISE]).toEqual({ employeeNumber: '42' });
        expect(u.schemas).toContain(ENTERPRISE);
      },
    ],
    ['manager as an id string', patch({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: 'm1' }), (u) => expect(u[ENTERPRISE]).toEqual({ manager: { value: 'm1' } })],
    [
      'manager as the old one-element array',
      patch({ op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: 'http://x/Users/m1', value: 'm1' }] }),
      (u) => expect(u[ENTERPRISE]).toEqual({ manager: { $ref: 'http://x/Users/m1', value: 'm1' } }),
    ],
    [
      'path-less replace with path keys (aadOptscim062020)',
      patch({
        op: 'replace',
        value: { displayName: 'Ada L', 'name.givenName': 'Augusta', [`${ENTERPRISE}:employeeNumber`]: '7', active: 'True', id: 'ignored', meta: {} },
      }),
      (u) => {
        expect(u).toMatchObject({ displayName: 'Ada L', name: { givenName: 'Augusta', familyName: 'Lovelace' }, active: true, id: 'u1' });
        expect(u[ENTERPRISE]).toEqual({ employeeNumber: '7' });
      },
    ],
    [
      'path-less add with a schema object and a complex value merges',
      patch({ op: 'add', value: { [ENTERPRISE]: { department: 'R&D' }, name: { middleName: 'King' } } }),
      (u) => {
        expect(u[ENTERPRISE]).toEqual({ department: 'R&D' });
        expect(u.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace', middleName: 'King' });
      },
    ],
    ['remove', patch({ op: 'Remove', path: 'name.givenName' }), (u) => expect(u.name).toEqual({ familyName: 'Lovelace' })],
    ['remove a filtered element', patch({ op: 'remove', path: 'emails[type eq "work"]' }), (u) => expect(u).not.toHaveProperty('emails')],
    ['remove something absent is fine', patch({ op: 'remove', path: 'title' }), (u) => expect(u).not.toHaveProperty('title')],
    [
      'Entra Remove with a value array removes those elements',
      patch({ op: 'Remove', path: 'roles', value: [{ $ref: null, value: 'r1' }] }),
      (u) => expect(u).not.toHaveProperty('roles'),
    ],
    ['replace with null clears', patch({ op: 'replace', path: 'name', value: null }), (u) => expect(u).not.toHaveProperty('name')],
    [
      'operations apply in order',
      patch({ op: 'add', path: 'title', value: 'a' }, { op: 'replace', path: 'title', value: 'b' }),
      (u) => expect(u.title).toBe('b'),
    ],
  ])('%s', (_name, body, check) => {
    const original = user();
    check(applyPatch(original, body));
    expect(original).toEqual(user());
  });

  test.each<[string, JsonValue, string, RegExp]>([
    ['not an object', 'x', 'invalidSyntax', /PatchOp object/],
    ['no Operations', { schemas: [PATCH_OP] }, 'invalidSyntax', /Operations: must be a non-empty array/],
    ['unknown op', patch({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax', /Operations\[0\]\.op: "move" is not/],
    ['bad path', patch({ op: 'add', path: 'emails[type eq', value: 'x' }), 'invalidPath', /Operations\[0\]\.path: Invalid attribute path/],
    ['remove without path', patch({ op: 'remove' }), 'noTarget', /is required for "remove"/],
    ['path-less add with a non-object', patch({ op: 'add', value: 'x' }), 'invalidValue', /must be an object/],
    ['add without value', patch({ op: 'add', path: 'title' }), 'invalidValue', /value: is required/],
    ['id is server-owned', patch({ op: 'replace', path: 'id', value: 'x' }), 'mutability', /set by the server/],
    ['a later failure changes nothing', patch({ op: 'add', path: 'title', value: 'a' }, { op: 'nope' }), 'invalidSyntax', /Operations\[1\]\.op/],
  ])('rejects %s', (_name, body, scimType, message) => {
    let thrown: unknown;
    try {
      applyPatch(user(), body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).scimType).toBe(scimType);
    expect((thrown as ValidationError).message).toMatch(message);
  });
});
