import { parseAppSettings } from '../../../src/config/appSettings';
import { PermanentError } from '../../../src/domain/errors';
import { parseScimSchemaExtensions } from '../../../src/scim/schema/parseScimSchemaExtensions';
import { schemaRegistryFor } from '../../../src/scim/schema/schemaRegistryFor';
import { ScimSchemaRegistry } from '../../../src/scim/schema/scimSchemaRegistry';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';
const EXTENSIONS = JSON.stringify([{ id: CONTOSO, name: 'ContosoUser', resourceType: 'User', attributes: [{ name: 'HireDate', type: 'dateTime' }, { name: 'JobCode' }] }]);
const registry = new ScimSchemaRegistry(parseScimSchemaExtensions(EXTENSIONS));

describe('ScimSchemaRegistry', () => {
  it('has User (core + enterprise + custom, none required) and Group', () => {
    expect(registry.resourceType('user')).toEqual(expect.objectContaining({
      id: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [{ schema: ENTERPRISE, required: false }, { schema: CONTOSO, required: false }],
    }));
    expect(registry.resourceType('Group')).toEqual(expect.objectContaining({ endpoint: '/Groups', schemaExtensions: [] }));
    expect(registry.schemas().map((s) => s.name)).toEqual(['User', 'EnterpriseUser', 'Group', 'ContosoUser']);
    expect(registry.schema(CONTOSO.toUpperCase())?.id).toBe(CONTOSO);
    expect(registry.resourceType('Device')).toBeUndefined();
  });

  it.each([
    ['userName', { type: 'string', caseExact: false, multiValued: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' }],
    ['USERNAME', { uniqueness: 'server' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', { uniqueness: 'server' }],
    ['id', { caseExact: true, mutability: 'readOnly', returned: 'always' }],
    ['externalId', { caseExact: true }],
    ['meta.lastModified', { type: 'dateTime', mutability: 'readOnly' }],
    ['name.givenName', { type: 'string', multiValued: false }],
    ['emails.value', { type: 'string', multiValued: true }],
    ['emails[type eq "work"].value', { type: 'string', multiValued: true }],
    ['emails', { type: 'complex', multiValued: true }],
    ['active', { type: 'boolean' }],
    ['password', { returned: 'never', mutability: 'writeOnly' }],
    [`${ENTERPRISE}:manager.value`, { type: 'string' }],
    [`${ENTERPRISE.toLowerCase()}:DEPARTMENT`, { type: 'string' }],
    [`${CONTOSO}:HireDate`, { type: 'dateTime' }],
  ])('traitsFor(User, %s)', (path, expected) => {
    expect(registry.traitsFor('User', path)).toEqual(expect.objectContaining(expected));
  });

  it.each(['nope', 'department', 'name.nope', 'name.givenName.x', `${ENTERPRISE}:userName`, 'urn:example:unknown:attr', ENTERPRISE])('has no traits for %s', (path) => {
    expect(registry.traitsFor('User', path)).toBeUndefined();
  });

  it('resolves group paths and whole extension URNs', () => {
    expect(registry.traitsFor('Group', 'members.value')).toEqual(expect.objectContaining({ mutability: 'immutable', multiValued: true }));
    expect(registry.traitsFor('Group', 'userName')).toBeUndefined();
    expect(registry.resolvePath('User', ENTERPRISE)).toEqual({ schema: expect.objectContaining({ id: ENTERPRISE }), isExtension: true });
    expect(registry.attributeAt('User', 'name')?.subAttributes?.length).toBe(6);
  });
});

describe('schemaRegistryFor', () => {
  const base = { IDBRIDGE_TOKEN: 'x'.repeat(20), IDBRIDGE_ADMIN_TOKEN: 'y'.repeat(20), IDBRIDGE_QUEUE_KIND: 'storageQueue', IDBRIDGE_STORAGE_CONNECTION: 'UseDevelopmentStorage=true' };
  it('builds once per settings object', () => {
    const settings = parseAppSettings({ ...base, IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: EXTENSIONS });
    expect(schemaRegistryFor(settings)).toBe(schemaRegistryFor(settings));
    expect(schemaRegistryFor(settings).schema(CONTOSO)).toBeDefined();
  });
  it('reports bad extension settings as a configuration error', () => {
    const settings = parseAppSettings({ ...base, IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: '[{"id": 1}]' });
    expect(() => schemaRegistryFor(settings)).toThrow(PermanentError);
    expect(() => schemaRegistryFor(settings)).toThrow(/IDBRIDGE_SCIM_SCHEMA_EXTENSIONS\[0\]\.id/);
  });
});
