import { coreGroupSchema } from '../../../src/scim/schema/coreGroupSchema';
import { coreUserSchema } from '../../../src/scim/schema/coreUserSchema';
import { enterpriseUserSchema } from '../../../src/scim/schema/enterpriseUserSchema';
import { SCIM_ATTRIBUTE_TYPES, SCIM_MUTABILITIES, SCIM_RETURNED, SCIM_UNIQUENESSES, type ScimAttributeDefinition } from '../../../src/scim/schema/scimAttributeDefinition';
import { scimCommonAttributes } from '../../../src/scim/schema/scimCommonAttributes';
import { isScimAttributeName } from '../../../src/scim/scimAttributeName';

const all: [string, readonly ScimAttributeDefinition[]][] = [
  ['User', coreUserSchema.attributes],
  ['EnterpriseUser', enterpriseUserSchema.attributes],
  ['Group', coreGroupSchema.attributes],
  ['common', scimCommonAttributes],
];

function check(attribute: ScimAttributeDefinition, nested: boolean): void {
  expect(isScimAttributeName(attribute.name)).toBe(true);
  expect(SCIM_ATTRIBUTE_TYPES).toContain(attribute.type);
  expect(SCIM_MUTABILITIES).toContain(attribute.mutability);
  expect(SCIM_RETURNED).toContain(attribute.returned);
  expect(SCIM_UNIQUENESSES).toContain(attribute.uniqueness);
  expect(attribute.description).toEqual(expect.any(String));
  if (attribute.type === 'complex') {
    expect(nested).toBe(false); // RFC 7643 §2.3.8
    expect(attribute.subAttributes?.length).toBeGreaterThan(0);
    const names = attribute.subAttributes!.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const sub of attribute.subAttributes!) check(sub, true);
  } else expect(attribute.subAttributes).toBeUndefined();
  if (attribute.referenceTypes) expect(attribute.type).toBe('reference');
  if (attribute.type === 'reference') expect(attribute.referenceTypes?.length).toBeGreaterThan(0);
}

describe.each(all)('%s attribute definitions', (_name, attributes) => {
  it('have valid RFC 7643 §7 characteristics and unique names', () => {
    const names = attributes.map((a) => a.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const attribute of attributes) check(attribute, false);
  });
});

describe('the definitions follow RFC 7643 §3.1, §4', () => {
  const byName = (list: readonly ScimAttributeDefinition[], name: string) => list.find((a) => a.name === name)!;
  it('core User has every §4.1 attribute', () => {
    expect(coreUserSchema.attributes.map((a) => a.name)).toEqual([
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'active', 'password',
      'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509Certificates',
    ]);
  });
  it.each([
    ['userName', { required: true, uniqueness: 'server', caseExact: false }],
    ['password', { mutability: 'writeOnly', returned: 'never' }],
    ['groups', { mutability: 'readOnly', multiValued: true }],
    ['active', { type: 'boolean' }],
  ])('User %s', (name, expected) => expect(byName(coreUserSchema.attributes, name)).toEqual(expect.objectContaining(expected)));
  it('id is readOnly, always returned, caseExact; externalId caseExact; meta readOnly and returned by default', () => {
    expect(byName(scimCommonAttributes, 'id')).toEqual(expect.objectContaining({ mutability: 'readOnly', returned: 'always', caseExact: true }));
    expect(byName(scimCommonAttributes, 'externalId')).toEqual(expect.objectContaining({ caseExact: true, mutability: 'readWrite' }));
    expect(byName(scimCommonAttributes, 'meta')).toEqual(expect.objectContaining({ mutability: 'readOnly', returned: 'default' }));
  });
  it('enterprise manager is {value, $ref, displayName}; Group has displayName (required) and members', () => {
    expect(byName(enterpriseUserSchema.attributes, 'manager').subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'displayName']);
    expect(byName(coreGroupSchema.attributes, 'displayName').required).toBe(true);
    expect(byName(coreGroupSchema.attributes, 'members').subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'type', 'display']);
  });
});
