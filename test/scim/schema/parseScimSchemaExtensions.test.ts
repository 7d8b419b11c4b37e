import { ValidationError } from '../../../src/domain/errors';
import { parseScimSchemaExtensions } from '../../../src/scim/schema/parseScimSchemaExtensions';

const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';

function issuesOf(text: string): { path: string; message: string }[] {
  try {
    parseScimSchemaExtensions(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('parseScimSchemaExtensions', () => {
  it('is empty when the setting is missing or blank', () => {
    expect(parseScimSchemaExtensions(undefined)).toEqual([]);
    expect(parseScimSchemaExtensions('  ')).toEqual([]);
  });

  it('fills RFC 7643 §2.2 defaults for omitted characteristics', () => {
    const [ext] = parseScimSchemaExtensions(JSON.stringify([{ id: CONTOSO, name: 'ContosoUser', resourceType: 'User', attributes: [{ name: 'HireDate', type: 'dateTime' }, { name: 'JobCode' }] }]));
    expect(ext).toEqual({
      id: CONTOSO, name: 'ContosoUser', resourceType: 'User',
      attributes: [
        { name: 'HireDate', type: 'dateTime', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
        { name: 'JobCode', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
      ],
    });
  });

  it('accepts complex attributes with sub-attributes and explicit characteristics', () => {
    const [ext] = parseScimSchemaExtensions(JSON.stringify([{ id: CONTOSO, name: 'C', resourceType: 'Group', attributes: [{ name: 'badge', type: 'complex', multiValued: true, mutability: 'immutable', subAttributes: [{ name: 'number', type: 'integer' }] }] }]));
    expect(ext?.attributes[0]).toEqual(expect.objectContaining({ mutability: 'immutable', multiValued: true, subAttributes: [expect.objectContaining({ name: 'number', type: 'integer', returned: 'default' })] }));
  });

  it('names invalid JSON', () => {
    expect(issuesOf('[{')).toEqual([{ path: 'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS', message: expect.stringContaining('not valid JSON') }]);
  });

  it('lists every problem with the index and field', () => {
    const paths = issuesOf(JSON.stringify([
      { id: CONTOSO, name: 'ok', resourceType: 'User', attributes: [{ name: 'a' }] },
      { id: 'not-a-urn', name: 'x', resourceType: 'Device', attributes: [{ name: '1bad', type: 'text' }, { name: 'c', type: 'complex' }, { name: 'r', referenceTypes: ['User'] }, { name: 'd', type: 'complex', subAttributes: [{ name: 'e', type: 'complex' }] }] },
      { id: CONTOSO, name: 'dup', resourceType: 'User', attributes: [{ name: 'JobCode' }, { name: 'jobcode' }], extra: 1 },
      { id: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', name: 'e', resourceType: 'User', attributes: [{ name: 'a' }] },
    ])).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].id',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].resourceType',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].attributes[0].name',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].attributes[0].type',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].attributes[1].subAttributes',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].attributes[2].referenceTypes',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].attributes[3].subAttributes[0].type',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[2]',
      'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[3].id',
    ]));
  });

  it('rejects duplicate ids and case-insensitively duplicate attribute names', () => {
    const paths = issuesOf(JSON.stringify([
      { id: CONTOSO, name: 'a', resourceType: 'User', attributes: [{ name: 'JobCode' }, { name: 'jobcode' }] },
      { id: CONTOSO.toUpperCase().replace('URN', 'urn'), name: 'b', resourceType: 'User', attributes: [{ name: 'x' }] },
    ])).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[0].attributes[1].name', 'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[1].id']));
  });
});
