import { ValidationError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import { parseScimSchemaExtensions } from '../../../src/scim/schema/parseScimSchemaExtensions';
import { prepareResource, type PrepareResourceOptions } from '../../../src/scim/schema/prepareResource';
import { ScimSchemaRegistry } from '../../../src/scim/schema/scimSchemaRegistry';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';
const registry = new ScimSchemaRegistry(parseScimSchemaExtensions(JSON.stringify([
  { id: CONTOSO, name: 'ContosoUser', resourceType: 'User', attributes: [
    { name: 'HireDate', type: 'dateTime' }, { name: 'JobCode' }, { name: 'BadgeId', mutability: 'immutable', caseExact: true },
    { name: 'Level', type: 'integer' }, { name: 'Rate', type: 'decimal' }, { name: 'Site', type: 'reference', referenceTypes: ['external'] }, { name: 'Key', type: 'binary' },
  ] },
])));
const create: PrepareResourceOptions = { mode: 'create' };

const user = (extra: JsonObject = {}): JsonObject => ({ schemas: [USER], userName: 'bjensen', ...extra });

function rejection(body: unknown, resourceType = 'User', options: PrepareResourceOptions = create): ValidationError {
  try {
    prepareResource(registry, resourceType, body, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('prepareResource: types (RFC 7643 §2.3, §2.4)', () => {
  it('accepts Entra\'s create body (reference §2.6) as sent', () => {
    const body = {
      schemas: [USER, ENTERPRISE], externalId: '0a21f0f2', userName: 'Test_User', active: true,
      emails: [{ primary: true, type: 'work', value: 'x@testuser.com' }], meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' }, roles: [],
    };
    const { resource, ignored } = prepareResource(registry, 'User', body, create);
    expect(resource).toEqual({
      schemas: [USER], externalId: '0a21f0f2', userName: 'Test_User', active: true,
      emails: [{ primary: true, type: 'work', value: 'x@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    });
    expect(ignored).toEqual([]);
  });

  it.each([
    [{ active: 'True' }, { active: true }],
    [{ active: 'false' }, { active: false }],
    [{ emails: [{ value: 'a@b', primary: 'True' }] }, { emails: [{ value: 'a@b', primary: true }] }],
    [{ [CONTOSO]: { HireDate: '2024-03-01T00:00:00Z', Level: 3, Rate: 1.5, Site: 'https://x.example', Key: 'AAEC' } }, { [CONTOSO]: { HireDate: '2024-03-01T00:00:00Z', Level: 3, Rate: 1.5, Site: 'https://x.example', Key: 'AAEC' } }],
    [{ USERNAME: 'bjensen', DisplayName: 'Babs', NAME: { GIVENNAME: 'B' } }, { userName: 'bjensen', displayName: 'Babs', name: { givenName: 'B' } }],
    [{ title: null, addresses: null, phoneNumbers: [] }, {}],
  ])('%j is stored as %j', (extra, expected) => {
    const { resource } = prepareResource(registry, 'User', user(extra), create);
    expect(resource).toEqual(expect.objectContaining(expected));
    for (const key of ['title', 'addresses', 'phoneNumbers']) if (!(key in expected)) expect(resource[key]).toBeUndefined();
  });

  it.each([
    [{ userName: 5 }, 'userName'],
    [{ active: 'yes' }, 'active'],
    [{ emails: { value: 'a@b' } }, 'emails'],
    [{ emails: ['a@b'] }, 'emails[0]'],
    [{ name: 'Barbara' }, 'name'],
    [{ name: { givenName: 1 } }, 'name.givenName'],
    [{ displayName: ['a'] }, 'displayName'],
    [{ emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] }, 'emails'],
    [{ [CONTOSO]: { HireDate: 'March 1st' } }, `${CONTOSO}:HireDate`],
    [{ [CONTOSO]: { Level: 1.5 } }, `${CONTOSO}:Level`],
    [{ [CONTOSO]: { Rate: '1.5' } }, `${CONTOSO}:Rate`],
    [{ [CONTOSO]: { Key: 'not base64!' } }, `${CONTOSO}:Key`],
    [{ [CONTOSO]: { Site: 3 } }, `${CONTOSO}:Site`],
  ])('%j is rejected at %s (invalidValue)', (extra, path) => {
    const error = rejection(user(extra));
    expect(error.scimType).toBe('invalidValue');
    expect(error.issues.map((i) => i.path)).toContain(path);
  });

  it('lists every problem at once', () => {
    expect(rejection(user({ userName: '', active: 'maybe', emails: 'x' })).issues.map((i) => i.path)).toEqual(['active', 'emails', 'userName']);
  });
});

describe('prepareResource: required, schemas, unknown attributes', () => {
  it.each([[{ schemas: [USER] }], [{ schemas: [USER], userName: '  ' }], [{ schemas: [USER], userName: null }]])('userName is required: %j', (body) => {
    const error = rejection(body);
    expect(error.scimType).toBe('invalidValue');
    expect(error.issues).toEqual([{ path: 'userName', message: 'is required' }]);
  });

  it('Group displayName is required', () => {
    expect(rejection({ schemas: [GROUP] }, 'Group').issues).toEqual([{ path: 'displayName', message: 'is required' }]);
  });

  it.each([[{ userName: 'x' }], [{ schemas: USER, userName: 'x' }], [{ schemas: [ENTERPRISE], userName: 'x' }], [{ schemas: [GROUP], userName: 'x' }]])('schemas must list the core schema: %j (invalidSyntax)', (body) => {
    const error = rejection(body);
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.issues.map((i) => i.path)).toContain('schemas');
  });

  it('a body that is not an object is invalidSyntax', () => {
    expect(rejection([1]).scimType).toBe('invalidSyntax');
  });

  it("accepts Entra's group create with the ADSCIM URN (reference §2.7, §2.8)", () => {
    const body = { schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'], externalId: 'e1', displayName: 'Sales', meta: { resourceType: 'Group' } };
    expect(prepareResource(registry, 'Group', body, create)).toEqual({ resource: { schemas: [GROUP], externalId: 'e1', displayName: 'Sales' }, ignored: [] });
    const onlyEntra = { ...body, schemas: ['http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'] };
    expect(prepareResource(registry, 'Group', onlyEntra, create).resource.schemas).toEqual([GROUP]);
  });

  it('drops unknown attributes, sub-attributes and schema URNs, and names them in ignored (RFC 7644 §3.3)', () => {
    const { resource, ignored } = prepareResource(registry, 'User', user({
      schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'], shoeSize: 44, name: { givenName: 'B', nick: 'x' },
      [ENTERPRISE]: { department: 'Sales', floor: 3 }, 'urn:example:other:1.0:Thing': { a: 1 },
    }), create);
    expect(resource).toEqual({ schemas: [USER, ENTERPRISE], userName: 'bjensen', name: { givenName: 'B' }, [ENTERPRISE]: { department: 'Sales' } });
    expect(ignored).toEqual(['schemas: urn:ietf:params:scim:schemas:extension:enterprise:2.0User', 'shoeSize', 'name.nick', `${ENTERPRISE}:floor`, 'urn:example:other:1.0:Thing']);
  });

  it('lists extensions present even when the client did not (Entra omits custom URNs, reference §2.8), unless strict', () => {
    const body = user({ [CONTOSO]: { JobCode: 'J1' }, [`${ENTERPRISE}:department`]: 'Sales' });
    expect(prepareResource(registry, 'User', body, create).resource).toEqual({
      schemas: [USER, ENTERPRISE, CONTOSO], userName: 'bjensen', [ENTERPRISE]: { department: 'Sales' }, [CONTOSO]: { JobCode: 'J1' },
    });
    const error = rejection(body, 'User', { mode: 'create', requireExtensionUrns: true });
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.issues).toHaveLength(2);
  });

  it('drops an extension URN listed without attributes', () => {
    expect(prepareResource(registry, 'User', user({ schemas: [USER, ENTERPRISE] }), create).resource.schemas).toEqual([USER]);
  });
});

describe('prepareResource: mutability (RFC 7643 §2.2, RFC 7644 §3.5.1)', () => {
  it('ignores readOnly attributes from the client: id, meta, groups, manager.displayName', () => {
    const { resource, ignored } = prepareResource(registry, 'User', user({
      id: 'client-id', meta: { created: '2020-01-01T00:00:00Z' }, groups: [{ value: 'g1' }], [ENTERPRISE]: { manager: { value: 'm1', displayName: 'Boss' } },
    }), create);
    expect(resource).toEqual({ schemas: [USER, ENTERPRISE], userName: 'bjensen', [ENTERPRISE]: { manager: { value: 'm1' } } });
    expect(ignored).toEqual([]);
  });

  it('keeps the stored readOnly values on replace', () => {
    const existing = { schemas: [USER], id: 'u1', userName: 'old', meta: { resourceType: 'User', version: 'W/"1"' }, groups: [{ value: 'g1' }] };
    const { resource } = prepareResource(registry, 'User', user({ id: 'other', meta: { version: 'x' } }), { mode: 'replace', existing });
    expect(resource).toEqual({ schemas: [USER], userName: 'bjensen', id: 'u1', meta: { resourceType: 'User', version: 'W/"1"' }, groups: [{ value: 'g1' }] });
  });

  it('lets an immutable attribute be set on create, or on replace when unset, but not changed', () => {
    const badge = (value: string) => user({ [CONTOSO]: { BadgeId: value } });
    expect(prepareResource(registry, 'User', badge('B1'), create).resource[CONTOSO]).toEqual({ BadgeId: 'B1' });
    expect(prepareResource(registry, 'User', badge('B1'), { mode: 'replace', existing: user() }).resource[CONTOSO]).toEqual({ BadgeId: 'B1' });
    const existing = prepareResource(registry, 'User', badge('B1'), create).resource;
    expect(prepareResource(registry, 'User', badge('B1'), { mode: 'replace', existing }).resource[CONTOSO]).toEqual({ BadgeId: 'B1' });
    expect(prepareResource(registry, 'User', user(), { mode: 'replace', existing }).resource[CONTOSO]).toEqual({ BadgeId: 'B1' });
    const error = rejection(badge('b1'), 'User', { mode: 'replace', existing });
    expect(error.scimType).toBe('mutability');
    expect(error.issues).toEqual([{ path: `${CONTOSO}:BadgeId`, message: expect.stringContaining('immutable') }]);
  });

  it('accepts a writeOnly password', () => {
    expect(prepareResource(registry, 'User', user({ password: 's3cret!' }), create).resource.password).toBe('s3cret!');
  });
});

describe('prepareResource: Entra quirks (reference §2.6, §2.8)', () => {
  it.each([
    ['m1', { value: 'm1' }],
    [[{ value: 'm1', $ref: 'https://x/Users/m1' }], { value: 'm1', $ref: 'https://x/Users/m1' }],
    [{ value: 'm1' }, { value: 'm1' }],
  ])('manager %j becomes %j', (manager, expected) => {
    expect(prepareResource(registry, 'User', user({ [ENTERPRISE]: { manager } }), create).resource[ENTERPRISE]).toEqual({ manager: expected });
  });

  it('an empty manager string means no manager', () => {
    expect(prepareResource(registry, 'User', user({ [ENTERPRISE]: { manager: '' } }), create).resource[ENTERPRISE]).toBeUndefined();
  });

  it('members with "$ref": null are accepted; members.display is the service\'s', () => {
    const { resource } = prepareResource(registry, 'Group', { schemas: [GROUP], displayName: 'G', members: [{ $ref: null, value: 'u1', display: 'x' }] }, create);
    expect(resource.members).toEqual([{ value: 'u1' }]);
  });
});
