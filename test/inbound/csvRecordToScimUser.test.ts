import { IDBRIDGE_USER_EXTENSION, parseCsvMapping } from '../../src/inbound/csvMapping';
import { csvRecordToScimUser } from '../../src/inbound/csvRecordToScimUser';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from '../../src/scim/scimSchemas';

const fullRow: Record<string, string> = {
  WorkerID: '1513', WorkerStatus: 'Active', WorkerType: 'Employee', UserID: 'EMP1513', FirstName: 'Ginnie', LastName: 'Fadiman',
  FullName: 'Ginnie Fadiman', GenderPronoun: 'HE/HIM', ManagerID: '1959', HireDate: '2010-07-10', OnLeave: 'False',
  Department: 'Product Engineering', Division: 'Food', CostCenter: 'CC3035', Company: 'Woodgrove', Location: 'Asia Pacific',
  JobTitle: 'Project Manager', StreetAddress: '101 Woodgrove Way', City: 'Frankfurt', CountryCode: 'UK', OfficePhone: '259-915-1098',
  Custom01: 'Y1083', Custom02: '', ZipCode: '79985',
};

describe('csvRecordToScimUser with the default mapping', () => {
  it('maps every column of a full row', () => {
    expect(csvRecordToScimUser(fullRow)).toEqual({
      schemas: [SCIM_CORE_USER, SCIM_ENTERPRISE_USER, IDBRIDGE_USER_EXTENSION],
      externalId: '1513',
      userName: 'EMP1513',
      displayName: 'Ginnie Fadiman',
      name: { givenName: 'Ginnie', familyName: 'Fadiman' },
      active: true,
      userType: 'Employee',
      title: 'Project Manager',
      addresses: [{ type: 'work', streetAddress: '101 Woodgrove Way', locality: 'Frankfurt', postalCode: '79985', country: 'UK' }],
      phoneNumbers: [{ type: 'work', value: '259-915-1098' }],
      [SCIM_ENTERPRISE_USER]: {
        employeeNumber: '1513', department: 'Product Engineering', division: 'Food', costCenter: 'CC3035', organization: 'Woodgrove',
        manager: { value: '1959' },
      },
      [IDBRIDGE_USER_EXTENSION]: { HireDate: '2010-07-10', OnLeave: false, GenderPronoun: 'HE/HIM', Location: 'Asia Pacific', Custom01: 'Y1083' },
    });
  });

  const cases: { name: string; change: Record<string, string>; check: (user: Record<string, unknown>) => void }[] = [
    { name: 'Inactive is active false', change: { WorkerStatus: 'Inactive' }, check: (u) => expect(u.active).toBe(false) },
    { name: 'status compares without case', change: { WorkerStatus: 'ACTIVE' }, check: (u) => expect(u.active).toBe(true) },
    { name: 'empty status leaves active out', change: { WorkerStatus: '' }, check: (u) => expect(u).not.toHaveProperty('active') },
    { name: 'cells are trimmed', change: { FirstName: '  Ann ' }, check: (u) => expect(u.name).toEqual({ givenName: 'Ann', familyName: 'Fadiman' }) },
    { name: 'a blank cell is omitted, not ""', change: { JobTitle: '   ' }, check: (u) => expect(u).not.toHaveProperty('title') },
    { name: 'OnLeave True is a boolean', change: { OnLeave: 'True' }, check: (u) => expect((u[IDBRIDGE_USER_EXTENSION] as Record<string, unknown>).OnLeave).toBe(true) },
    {
      name: 'an empty street keeps the rest of the address',
      change: { StreetAddress: '' },
      check: (u) => expect(u.addresses).toEqual([{ type: 'work', locality: 'Frankfurt', postalCode: '79985', country: 'UK' }]),
    },
    {
      name: 'no address columns, no address',
      change: { StreetAddress: '', City: '', ZipCode: '', CountryCode: '' },
      check: (u) => expect(u).not.toHaveProperty('addresses'),
    },
    { name: 'no phone, no phoneNumbers', change: { OfficePhone: '' }, check: (u) => expect(u).not.toHaveProperty('phoneNumbers') },
  ];
  it.each(cases)('$name', ({ change, check }) => {
    check(csvRecordToScimUser({ ...fullRow, ...change }));
  });
});

describe('csvRecordToScimUser with a mapping file', () => {
  const mapping = parseCsvMapping({
    externalId: 'Id',
    'emails[type eq "work"].value': 'Mail',
    'emails[type eq "work"].primary': { constant: true },
    userType: { constant: 'Employee' },
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Dept',
    'urn:ietf:params:scim:schemas:extension:acme:1.0:User:Badge': 'Badge',
  });

  const cases: { name: string; row: Record<string, string>; user: Record<string, unknown> }[] = [
    {
      name: 'all present',
      row: { Id: '1', Mail: 'a@x.example', Dept: 'IT', Badge: 'B1' },
      user: {
        schemas: [SCIM_CORE_USER, SCIM_ENTERPRISE_USER, 'urn:ietf:params:scim:schemas:extension:acme:1.0:User'],
        externalId: '1',
        emails: [{ type: 'work', value: 'a@x.example', primary: true }],
        userType: 'Employee',
        [SCIM_ENTERPRISE_USER]: { department: 'IT' },
        'urn:ietf:params:scim:schemas:extension:acme:1.0:User': { Badge: 'B1' },
      },
    },
    {
      name: 'schemas lists only the extensions used; a constant alone makes no email',
      row: { Id: '2', Mail: '', Dept: '', Badge: 'B2' },
      user: {
        schemas: [SCIM_CORE_USER, 'urn:ietf:params:scim:schemas:extension:acme:1.0:User'],
        externalId: '2',
        userType: 'Employee',
        'urn:ietf:params:scim:schemas:extension:acme:1.0:User': { Badge: 'B2' },
      },
    },
    { name: 'no externalId stays absent', row: { Id: '', Mail: '', Dept: '', Badge: '' }, user: { schemas: [SCIM_CORE_USER], userType: 'Employee' } },
  ];
  it.each(cases)('$name', ({ row, user }) => {
    expect(csvRecordToScimUser(row, mapping)).toEqual(user);
  });
});
