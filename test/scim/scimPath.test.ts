import { ValidationError } from '../../src/domain/errors';
import type { JsonObject, JsonValue } from '../../src/domain/identityObject';
import type { ScimFilter } from '../../src/scim/filter/scimFilter';
import { formatScimPath, getPathValue, parseScimPath, removePathValue, setPathValue, type ScimLiteral, type ScimPath } from '../../src/scim/scimPath';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';

function eq(attribute: string, value: ScimLiteral): ScimFilter {
  return { kind: 'compare', path: { attribute }, operator: 'eq', value };
}

describe('parseScimPath', () => {
  const cases: [string, ScimPath][] = [
    ['userName', { attribute: 'userName' }],
    ['name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    ['emails[type eq "work"].value', { attribute: 'emails', filter: eq('type', 'work'), subAttribute: 'value' }],
    ['emails[type eq "work"]', { attribute: 'emails', filter: eq('type', 'work') }],
    ['members[value eq "a:b]c"]', { attribute: 'members', filter: eq('value', 'a:b]c') }],
    ['emails[ type EQ "w\\"q" ]', { attribute: 'emails', filter: eq('type', 'w"q') }],
    [
      'emails[type eq "work" and primary eq true].value',
      {
        attribute: 'emails',
        filter: { kind: 'and', left: eq('type', 'work'), right: eq('primary', true) },
        subAttribute: 'value',
      },
    ],
    ['x[n eq 42]', { attribute: 'x', filter: eq('n', 42) }],
    ['x[n eq -1.5e2]', { attribute: 'x', filter: eq('n', -150) }],
    ['x[n eq null]', { attribute: 'x', filter: eq('n', null) }],
    ['x[n eq False]', { attribute: 'x', filter: eq('n', false) }],
    // RFC 7644 §3.4.2.2: the whole valFilter grammar, not only `eq` and `and`.
    ['emails[type ne "work"]', { attribute: 'emails', filter: { kind: 'compare', path: { attribute: 'type' }, operator: 'ne', value: 'work' } }],
    [
      'emails[type eq "a" or not (value co "@x")].display',
      {
        attribute: 'emails',
        filter: { kind: 'or', left: eq('type', 'a'), right: { kind: 'not', filter: { kind: 'compare', path: { attribute: 'value' }, operator: 'co', value: '@x' } } },
        subAttribute: 'display',
      },
    ],
    ['members[display pr]', { attribute: 'members', filter: { kind: 'present', path: { attribute: 'display' } } }],
    [`${ENTERPRISE}:department`, { schemaUrn: ENTERPRISE, attribute: 'department' }],
    [`${ENTERPRISE}:manager.value`, { schemaUrn: ENTERPRISE, attribute: 'manager', subAttribute: 'value' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', { attribute: 'userName' }],
    ['URN:IETF:params:scim:schemas:core:2.0:user:name.familyName', { attribute: 'name', subAttribute: 'familyName' }],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName', { attribute: 'displayName' }],
    [`${CONTOSO}:HireDate`, { schemaUrn: CONTOSO, attribute: 'HireDate' }],
    ['urn:contoso:employee:HireDate', { schemaUrn: 'urn:contoso:employee', attribute: 'HireDate' }],
    [`${CONTOSO}:badges[type eq "door"].id`, { schemaUrn: CONTOSO, attribute: 'badges', filter: eq('type', 'door'), subAttribute: 'id' }],
    ['members.$ref', { attribute: 'members', subAttribute: '$ref' }],
    ['  userName  ', { attribute: 'userName' }],
  ];

  test.each(cases)('%s', (text, expected) => {
    expect(parseScimPath(text)).toEqual(expected);
  });

  test.each(cases)('round-trips %s through formatScimPath', (text) => {
    const parsed = parseScimPath(text);
    expect(parseScimPath(formatScimPath(parsed))).toEqual(parsed);
  });

  test('formats the canonical forms back to the same text', () => {
    for (const text of ['userName', 'name.givenName', 'emails[type eq "work"].value', `${ENTERPRISE}:manager.value`, 'x[a eq 1 and b eq null]']) {
      expect(formatScimPath(parseScimPath(text))).toBe(text);
    }
  });

  const malformed: [string, RegExp][] = [
    ['', /expected an attribute name .*position 1/],
    ['   ', /expected an attribute name/],
    ['1abc', /"1abc" is not a valid attribute name.*position 1/],
    ['name.', /expected an attribute name at position 6/],
    ['.name', /expected an attribute name at position 1/],
    ['a.b.c', /only one level of sub-attribute.*position 4/],
    ['emails[type eq "work"', /expected "\]" but found the end at position 22/],
    ['emails[type eq "work].value', /unterminated string.*position 16/],
    ['emails[type "work"]', /expected an operator \(eq, ne, .*\) but found '"' at position 13/],
    ['emails[type eq "a"] or x', /unexpected "o" at position 21/],
    ['emails[value eq "a"].value[type eq "x"]', /unexpected "\[" at position 27/],
    ['emails[members[value eq "x"]]', /value paths do not nest.*position 15/],
    ['emails[urn:x:y:type eq "x"]', /takes no schema URN.*position 8/],
    ['emails[type eq work]', /expected a value .* found "work".*position 16/],
    ['emails[type eq ]', /expected a value/],
    ['emails[]', /expected an attribute name but found "\]".*position 8/],
    ['emails[type eq "work"].value.x', /only one level of sub-attribute.*position 24/],
    ['name.givenName[type eq "x"]', /value filter must follow the attribute.*position 15/],
    ['emails[type eq "work"]x', /unexpected "x" at position 23/],
    ['user name', /unexpected "n" at position 6/],
    ['ab:cd', /unexpected ":".*position 3/],
    [`${ENTERPRISE}:`, /expected an attribute name after the schema URN/],
    ['urn:department', /expected a schema URN and an attribute name/],
    ['emails[type eq "\\q"]', /invalid escape sequence/],
    ['emails[type.sub eq "x"]', /sub-attributes are not supported inside a value filter/],
  ];

  test.each(malformed)('rejects %p', (text, message) => {
    let thrown: unknown;
    try {
      parseScimPath(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).scimType).toBe('invalidPath');
    expect((thrown as ValidationError).message).toMatch(message);
  });
});

function user(): JsonObject {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName: 'ada@contoso.com',
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { type: 'other', value: 'ada@home.example' },
      { type: 'Work', value: 'ada@contoso.com', primary: true },
    ],
    [ENTERPRISE]: { department: 'R&D', manager: { value: 'm-1', displayName: 'Babbage' } },
    [`${CONTOSO}:HireDate`]: '1843-07-01',
    active: true,
  };
}

describe('getPathValue', () => {
  const cases: [string, JsonValue | undefined][] = [
    ['userName', 'ada@contoso.com'],
    ['USERNAME', 'ada@contoso.com'],
    ['name.givenName', 'Ada'],
    ['Name.GivenName', 'Ada'],
    ['name.middleName', undefined],
    ['emails[type eq "work"].value', 'ada@contoso.com'],
    ['emails[TYPE eq "WORK"].Value', 'ada@contoso.com'],
    ['emails[type eq "work" and primary eq true].value', 'ada@contoso.com'],
    ['emails[type eq "work" and primary eq false].value', undefined],
    ['emails[type eq "fax"].value', undefined],
    ['emails[type eq "other"]', { type: 'other', value: 'ada@home.example' }],
    ['emails.value', ['ada@home.example', 'ada@contoso.com']],
    ['emails', user().emails],
    [`${ENTERPRISE}:department`, 'R&D'],
    [`${ENTERPRISE.toUpperCase()}:DEPARTMENT`, 'R&D'],
    [`${ENTERPRISE}:manager.value`, 'm-1'],
    [`${ENTERPRISE}:manager`, { value: 'm-1', displayName: 'Babbage' }],
    [`${ENTERPRISE}:employeeNumber`, undefined],
    [`${CONTOSO}:HireDate`, '1843-07-01'],
    [`${CONTOSO}:hiredate`, '1843-07-01'],
    ['urn:ietf:params:scim:schemas:core:2.0:User:active', true],
    ['urn:contoso:employee:HireDate', undefined],
    ['userName.x', undefined],
    ['userName[type eq "x"]', undefined],
  ];

  test.each(cases)('%s', (text, expected) => {
    expect(getPathValue(user(), parseScimPath(text))).toEqual(expected);
  });

  test('reads a bare-namespace extension', () => {
    expect(getPathValue({ 'urn:contoso:employee': { HireDate: 'x' } }, parseScimPath('urn:contoso:employee:HireDate'))).toBe('x');
  });
});

describe('setPathValue', () => {
  test.each<[string, JsonValue, (u: JsonObject) => void]>([
    ['userName', 'x', (u) => expect(u.userName).toBe('x')],
    ['USERNAME', 'x', (u) => {
      expect(u).toMatchObject({ userName: 'x' });
      expect(u).not.toHaveProperty('USERNAME');
    }],
    ['name.familyName', 'Byron', (u) => expect(u.name).toEqual({ givenName: 'Ada', familyName: 'Byron' })],
    ['title', 'Countess', (u) => expect(u.title).toBe('Countess')],
    ['emails[type eq "work"].value', 'new@contoso.com', (u) => expect(u.emails).toEqual([
      { type: 'other', value: 'ada@home.example' },
      { type: 'Work', value: 'new@contoso.com', primary: true },
    ])],
    ['emails[type eq "fax"].value', 'f@x', (u) => expect((u.emails as JsonValue[])[2]).toEqual({ type: 'fax', value: 'f@x' })],
    ['emails[type eq "other"]', { value: 'o@x' }, (u) => expect((u.emails as JsonValue[])[0]).toEqual({ type: 'other', value: 'o@x' })],
    [`${ENTERPRISE}:department`, 'Sales', (u) => expect(u[ENTERPRISE]).toMatchObject({ department: 'Sales' })],
    [`${ENTERPRISE}:manager.value`, 'm-2', (u) => expect(u[ENTERPRISE]).toMatchObject({ manager: { value: 'm-2', displayName: 'Babbage' } })],
    [`${CONTOSO}:HireDate`, '1844', (u) => {
      expect(u[CONTOSO]).toEqual({ HireDate: '1844' });
      expect(u).not.toHaveProperty(`${CONTOSO}:HireDate`);
      expect(u.schemas).toContain(CONTOSO);
    }],
  ])('%s', (text, value, check) => {
    const u = user();
    setPathValue(u, parseScimPath(text), value);
    check(u);
    expect(getPathValue(u, parseScimPath(text))).toEqual(text === 'emails[type eq "other"]' ? { type: 'other', value: 'o@x' } : value);
  });

  test('creates intermediate objects and arrays on an empty resource', () => {
    const r: JsonObject = {};
    setPathValue(r, parseScimPath('name.givenName'), 'A');
    setPathValue(r, parseScimPath('phoneNumbers[type eq "mobile"].value'), '+1');
    setPathValue(r, parseScimPath('urn:contoso:employee:HireDate'), 'd');
    expect(r).toEqual({ name: { givenName: 'A' }, phoneNumbers: [{ type: 'mobile', value: '+1' }], 'urn:contoso:employee': { HireDate: 'd' } });
  });

  test('seeds a new element from every comparison of an "and" filter', () => {
    const r: JsonObject = {};
    setPathValue(r, parseScimPath('emails[type eq "work" and primary eq true].value'), 'a@b');
    expect(r.emails).toEqual([{ type: 'work', primary: true, value: 'a@b' }]);
  });

  test('sets a sub-attribute on every element of an unfiltered multi-valued attribute', () => {
    const u = user();
    setPathValue(u, parseScimPath('emails.primary'), false);
    expect(getPathValue(u, parseScimPath('emails.primary'))).toEqual([false, false]);
  });

  test('rejects a filter on a single-valued attribute', () => {
    expect(() => setPathValue(user(), parseScimPath('name[type eq "x"].y'), 'z')).toThrow(ValidationError);
  });

  test('rejects a non-object for a whole filtered element', () => {
    expect(() => setPathValue(user(), parseScimPath('emails[type eq "work"]'), 'z')).toThrow(/must be an object/);
  });
});

describe('removePathValue', () => {
  test.each<[string, boolean, (u: JsonObject) => void]>([
    ['userName', true, (u) => expect(u).not.toHaveProperty('userName')],
    ['name.givenName', true, (u) => expect(u.name).toEqual({ familyName: 'Lovelace' })],
    ['emails[type eq "work"]', true, (u) => expect(u.emails).toEqual([{ type: 'other', value: 'ada@home.example' }])],
    ['emails[type eq "work"].value', true, (u) => expect(u.emails).toEqual([{ type: 'other', value: 'ada@home.example' }])],
    ['emails[type eq "fax"].value', false, (u) => expect(u.emails).toEqual(user().emails)],
    ['emails.value', true, (u) => expect(u.emails).toEqual([{ type: 'other' }, { type: 'Work', primary: true }])],
    [`${ENTERPRISE}:manager.value`, true, (u) => expect(u[ENTERPRISE]).toEqual({ department: 'R&D', manager: { displayName: 'Babbage' } })],
    [`${ENTERPRISE}:Department`, true, (u) => expect(u[ENTERPRISE]).toEqual({ manager: { value: 'm-1', displayName: 'Babbage' } })],
    [`${CONTOSO}:HireDate`, true, (u) => expect(u).not.toHaveProperty(`${CONTOSO}:HireDate`)],
    ['nickName', false, () => undefined],
  ])('%s', (text, removed, check) => {
    const u = user();
    expect(removePathValue(u, parseScimPath(text))).toBe(removed);
    check(u);
  });

  test('removes emptied containers and the extension URN', () => {
    const u = user();
    removePathValue(u, parseScimPath('emails[type eq "work"]'));
    removePathValue(u, parseScimPath('emails[type eq "other"]'));
    removePathValue(u, parseScimPath('name.givenName'));
    removePathValue(u, parseScimPath('name.familyName'));
    removePathValue(u, parseScimPath(`${ENTERPRISE}:department`));
    removePathValue(u, parseScimPath(`${ENTERPRISE}:manager`));
    expect(u).not.toHaveProperty('emails');
    expect(u).not.toHaveProperty('name');
    expect(u).not.toHaveProperty(ENTERPRISE);
    expect(u.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });
});
