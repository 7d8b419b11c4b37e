import type { JsonObject } from '../../../src/domain/identityObject';
import { parseScimSchemaExtensions } from '../../../src/scim/schema/parseScimSchemaExtensions';
import { projectResource, type ProjectResourceOptions } from '../../../src/scim/schema/projectResource';
import { ScimSchemaRegistry } from '../../../src/scim/schema/scimSchemaRegistry';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';
const registry = new ScimSchemaRegistry(parseScimSchemaExtensions(JSON.stringify([
  { id: CONTOSO, name: 'ContosoUser', resourceType: 'User', attributes: [{ name: 'JobCode' }, { name: 'Salary', type: 'integer', returned: 'request' }] },
])));

const meta = { resourceType: 'User', location: 'https://x/Users/u1' };
const stored: JsonObject = {
  schemas: [USER, ENTERPRISE, CONTOSO],
  id: 'u1', externalId: 'e1', userName: 'bjensen', password: 'secret', active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'b@x', type: 'work', primary: true }, { value: 'b@home', type: 'home' }],
  meta,
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1' } },
  [CONTOSO]: { JobCode: 'J1', Salary: 100 },
  legacyField: 'x',
};

const project = (options: ProjectResourceOptions) => projectResource(registry, 'User', stored, options);

describe('projectResource (RFC 7644 §3.4.2.5)', () => {
  it('by default: everything returned by default; never password, not request attributes, not unknown keys', () => {
    const { password, legacyField, ...rest } = stored;
    expect(project({})).toEqual({ ...rest, [CONTOSO]: { JobCode: 'J1' } });
    expect(password && legacyField).toBeTruthy();
  });

  it.each<[string, ProjectResourceOptions, JsonObject]>([
    ['attributes=userName (RFC 7644 §3.9: schemas and id come too, meta does not)', { attributes: ['userName'] }, { schemas: [USER], id: 'u1', userName: 'bjensen' }],
    ['attributes=password stays out', { attributes: ['password'] }, { schemas: [USER], id: 'u1' }],
    ['attributes=name.givenName', { attributes: ['name.givenName'] }, { schemas: [USER], id: 'u1', name: { givenName: 'Barbara' } }],
    ['attributes=emails.value', { attributes: ['emails.value'] }, { schemas: [USER], id: 'u1', emails: [{ value: 'b@x' }, { value: 'b@home' }] }],
    ['attributes=NAME,meta (comma list, any case)', { attributes: ['NAME,meta'] }, { schemas: [USER], id: 'u1', name: stored.name!, meta }],
    ['attributes=<urn>:userName', { attributes: [`${USER}:userName`] }, { schemas: [USER], id: 'u1', userName: 'bjensen' }],
    ['attributes=<enterprise>:department', { attributes: [`${ENTERPRISE}:department`] }, { schemas: [USER, ENTERPRISE], id: 'u1', [ENTERPRISE]: { department: 'Sales' } }],
    ['attributes=<enterprise> (whole extension)', { attributes: [ENTERPRISE] }, { schemas: [USER, ENTERPRISE], id: 'u1', [ENTERPRISE]: stored[ENTERPRISE]! }],
    ['attributes=<contoso>:Salary (request, asked for)', { attributes: [`${CONTOSO}:salary`] }, { schemas: [USER, CONTOSO], id: 'u1', [CONTOSO]: { Salary: 100 } }],
    ['attributes win over excludedAttributes', { attributes: ['userName'], excludedAttributes: ['userName'] }, { schemas: [USER], id: 'u1', userName: 'bjensen' }],
    ['attributes=nothingKnown', { attributes: ['shoeSize'] }, { schemas: [USER], id: 'u1' }],
  ])('%s', (_name, options, expected) => {
    expect(project(options)).toEqual(expected);
  });

  it.each<[string, ProjectResourceOptions, string[], (p: JsonObject) => unknown, unknown]>([
    ['excludedAttributes=id has no effect (always)', { excludedAttributes: ['id'] }, [], (p) => p.id, 'u1'],
    ['excludedAttributes=emails', { excludedAttributes: ['emails'] }, ['emails'], () => undefined, undefined],
    ['excludedAttributes=meta', { excludedAttributes: ['meta'] }, ['meta'], () => undefined, undefined],
    ['excludedAttributes=name.familyName', { excludedAttributes: ['name.familyName'] }, [], (p) => p.name, { givenName: 'Barbara' }],
    ['excludedAttributes=emails.type', { excludedAttributes: ['emails.type'] }, [], (p) => p.emails, [{ value: 'b@x', primary: true }, { value: 'b@home' }]],
    ['excludedAttributes=<enterprise>:manager', { excludedAttributes: [`${ENTERPRISE}:manager`] }, [], (p) => p[ENTERPRISE], { department: 'Sales' }],
    ['excludedAttributes=<enterprise> (and its URN leaves schemas)', { excludedAttributes: [ENTERPRISE] }, [ENTERPRISE], (p) => p.schemas, [USER, CONTOSO]],
  ])('%s', (_name, options, absent, pick, expected) => {
    const projected = project(options);
    for (const key of absent) expect(projected[key]).toBeUndefined();
    expect(pick(projected)).toEqual(expected);
    expect(projected.userName).toBe('bjensen');
  });

  it('excludedAttributes=members on a group (Entra, reference §2.7)', () => {
    const group = { schemas: [GROUP], id: 'g1', displayName: 'Sales', members: [{ value: 'u1' }], meta: { resourceType: 'Group' } };
    expect(projectResource(registry, 'Group', group, { excludedAttributes: ['members'] })).toEqual({ schemas: [GROUP], id: 'g1', displayName: 'Sales', meta: { resourceType: 'Group' } });
    expect(projectResource(registry, 'Group', group, {})).toEqual(group);
  });
});
