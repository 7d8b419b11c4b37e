import { ValidationError } from '../../src/domain/errors';
import { defaultCsvMapping, missingMappingColumns, parseCsvMapping } from '../../src/inbound/csvMapping';

function issuesOf(json: unknown): string[] {
  try {
    parseCsvMapping(json);
  } catch (thrown) {
    if (thrown instanceof ValidationError) return thrown.issues.map((i) => `${i.path}: ${i.message}`);
    throw thrown;
  }
  return [];
}

describe('parseCsvMapping', () => {
  it('reads each kind of source', () => {
    const mapping = parseCsvMapping({
      externalId: 'Id',
      active: { column: 'Status', equals: 'Active' },
      'addresses[type eq "work"].primary': { constant: true },
      'name.givenName': { column: 'First' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value': 'Boss',
    });
    expect(mapping.map((e) => e.source)).toEqual([
      { kind: 'column', column: 'Id' },
      { kind: 'equals', column: 'Status', equals: 'Active' },
      { kind: 'constant', value: true },
      { kind: 'column', column: 'First' },
      { kind: 'column', column: 'Boss' },
    ]);
    expect(mapping[4]?.path).toEqual({ schemaUrn: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'manager', subAttribute: 'value' });
  });

  it('treats the core URN prefix as a plain attribute', () => {
    const [entry] = parseCsvMapping({ 'urn:ietf:params:scim:schemas:core:2.0:User:externalId': 'Id' });
    expect(entry?.path).toEqual({ attribute: 'externalId' });
  });

  const invalid: { name: string; json: unknown; issue: RegExp }[] = [
    { name: 'not an object', json: ['x'], issue: /JSON object/ },
    { name: 'a number as source', json: { externalId: 'Id', title: 5 }, issue: /^title: expected a CSV column name/ },
    { name: 'an unknown source key', json: { externalId: 'Id', title: { col: 'T' } }, issue: /^title: expected a CSV column name/ },
    { name: 'an empty column', json: { externalId: 'Id', title: '  ' }, issue: /^title: / },
    { name: 'a bad path', json: { externalId: 'Id', 'name..givenName': 'F' }, issue: /^name\.\.givenName: / },
    { name: 'no externalId', json: { userName: 'U' }, issue: /^externalId: the mapping must set externalId/ },
    { name: 'a constant externalId', json: { externalId: { constant: 'x' } }, issue: /^externalId: externalId must come straight from a CSV column/ },
    { name: 'multi-valued without filter', json: { externalId: 'Id', 'emails.value': 'Mail' }, issue: /^emails\.value: "emails" is multi-valued/ },
    { name: 'a filter on a single-valued attribute', json: { externalId: 'Id', 'name[type eq "x"].givenName': 'F' }, issue: /not multi-valued/ },
    { name: 'a reserved attribute', json: { externalId: 'Id', id: 'X' }, issue: /^id: "id" is set by the service/ },
    { name: 'the filter attribute set again', json: { externalId: 'Id', 'emails[type eq "work"].type': { constant: 'home' } }, issue: /already set by the value filter/ },
    { name: 'simple and complex at once', json: { externalId: 'Id', name: 'N', 'name.givenName': 'F' }, issue: /^name\.givenName: maps "name" as a complex attribute, but "name" maps it as a simple attribute/ },
  ];
  it.each(invalid)('rejects $name, naming the key', ({ json, issue }) => {
    expect(issuesOf(json).some((i) => issue.test(i))).toBe(true);
  });

  it('lists every problem at once', () => {
    expect(issuesOf({ id: 'X', 'emails.value': 'M' })).toHaveLength(3);
  });
});

describe('missingMappingColumns', () => {
  it('names the key and suggests a case-only match', () => {
    const mapping = parseCsvMapping({ externalId: 'workerid', title: 'JobTitle', active: { constant: true } });
    expect(missingMappingColumns(mapping, ['WorkerID', 'JobTitle'])).toEqual([
      { path: 'externalId', message: 'the CSV has no column "workerid" (did you mean "WorkerID"? names are case-sensitive)' },
    ]);
  });

  it('finds every default column in the Microsoft header', () => {
    const header =
      'WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode'.split(',');
    expect(missingMappingColumns(defaultCsvMapping, header)).toEqual([]);
  });
});
