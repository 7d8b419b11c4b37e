import { ValidationError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import type { AttributeTraits } from '../../../src/scim/filter/attributeTraits';
import { defaultTraits } from '../../../src/scim/filter/defaultTraits';
import { matchesScimFilter } from '../../../src/scim/filter/matchesScimFilter';
import { parseScimFilter } from '../../../src/scim/filter/parseScimFilter';
import type { FilterAttributePath } from '../../../src/scim/filter/scimFilter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:contoso:scim:1.0:User';

const user: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: 'Abc-1',
  externalId: 'E1',
  userName: 'Ada@Contoso.com',
  displayName: 'Ada Lovelace',
  title: '',
  nickName: null,
  active: 'True', // as Entra sends it by default (reference 2.8)
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { type: 'home', value: 'ada@home.example' },
    { type: 'Work', value: 'ada@contoso.com', primary: true },
  ],
  phoneNumbers: [],
  addresses: [{}],
  meta: { created: '2011-05-13T04:42:34Z', lastModified: '2024-02-29T12:00:00.5+01:00', version: 'W/"a"' },
  [ENTERPRISE]: { employeeNumber: '701984', department: 'R&D', manager: { value: 'm-1', displayName: 'Babbage' } },
  [CONTOSO]: { badge: 1200, ratio: 0.5, remote: false, Code: 'AbC' },
};

/** The contoso extension's traits, as the schema registry will supply them. */
function traits(path: FilterAttributePath): AttributeTraits {
  if (path.schemaUrn === CONTOSO) {
    const name = path.attribute.toLowerCase();
    if (name === 'badge') return { type: 'integer', caseExact: false };
    if (name === 'ratio') return { type: 'decimal', caseExact: false };
    if (name === 'remote') return { type: 'boolean', caseExact: false };
    if (name === 'code') return { type: 'string', caseExact: true };
  }
  return defaultTraits(path);
}

describe('matchesScimFilter', () => {
  const cases: [string, boolean][] = [
    // Strings, caseExact false by default (RFC 7643 §2.2).
    ['userName eq "ada@contoso.com"', true],
    ['USERNAME EQ "ADA@CONTOSO.COM"', true],
    ['userName ne "ada@contoso.com"', false],
    ['userName ne "someone"', true],
    ['userName co "CONTOSO"', true],
    ['userName co "example"', false],
    ['userName sw "ada@"', true],
    ['userName sw "contoso"', false],
    ['userName ew ".COM"', true],
    ['userName ew "ada"', false],
    ['userName gt "ADA"', true],
    ['userName gt "b"', false],
    ['userName ge "ada@contoso.com"', true],
    ['userName lt "b"', true],
    ['userName lt "ada"', false],
    ['userName le "ADA@CONTOSO.COM"', true],
    // caseExact true: id and externalId (RFC 7643 §3.1), and an extension string.
    ['id eq "Abc-1"', true],
    ['id eq "abc-1"', false],
    ['id sw "abc"', false],
    ['externalId eq "e1"', false],
    ['externalId eq "E1"', true],
    [`${CONTOSO}:code eq "AbC"`, true],
    [`${CONTOSO}:code eq "abc"`, false],
    [`${CONTOSO}:code co "bC"`, true],
    [`${CONTOSO}:code gt "ABC"`, true], // "b" > "B" case-exactly
    // Booleans, also Entra's "True"/"False" strings.
    ['active eq true', true],
    ['active eq false', false],
    ['active ne false', true],
    ['active eq "true"', true],
    [`${CONTOSO}:remote eq false`, true],
    [`${CONTOSO}:remote eq "False"`, true],
    [`${CONTOSO}:remote ne true`, true],
    ['emails[primary eq true].value eq "ada@contoso.com"', true],
    ['emails[primary eq false]', false],
    // Numbers.
    [`${CONTOSO}:badge eq 1200`, true],
    [`${CONTOSO}:badge eq 1200.0`, true],
    [`${CONTOSO}:badge gt 1000`, true],
    [`${CONTOSO}:badge ge 1200`, true],
    [`${CONTOSO}:badge lt 1200`, false],
    [`${CONTOSO}:badge le 1200`, true],
    [`${CONTOSO}:badge eq "1200"`, true],
    [`${CONTOSO}:badge eq "twelve"`, false],
    [`${CONTOSO}:ratio lt 1`, true],
    [`${CONTOSO}:ratio gt 0.25`, true],
    [`${CONTOSO}:badge co "20"`, true],
    [`${ENTERPRISE}:employeeNumber eq 701984`, true], // a string holding a number compares numerically to a number
    // dateTime: chronological, whatever the zone and precision.
    ['meta.created eq "2011-05-13T04:42:34.000Z"', true],
    ['meta.created eq "2011-05-13T06:42:34+02:00"', true],
    ['meta.created gt "2011-05-13T04:42:33Z"', true],
    ['meta.created gt "2011-05-13T04:42:34Z"', false],
    ['meta.created ge "2011-05-13T04:42:34Z"', true],
    ['meta.created lt "2012-01-01T00:00:00Z"', true],
    ['meta.lastModified gt "2024-02-29T10:59:59Z"', true],
    ['meta.lastModified lt "2024-02-29T11:00:00Z"', false],
    ['meta.lastModified le "2024-02-29T11:00:00.5Z"', true],
    ['meta.created sw "2011-05"', true],
    ['meta.created gt "2011-05-13T04:42:34"', false], // no zone is UTC
    // Multi-valued: any value matches; complex without sub-attribute means `value` (RFC 7644 §3.4.2.2).
    ['emails co "contoso.com"', true],
    ['emails eq "ADA@HOME.EXAMPLE"', true],
    ['emails.value ew "@home.example"', true],
    ['emails.type eq "work"', true],
    ['emails.type eq "fax"', false],
    ['emails.type ne "fax"', true],
    ['emails.type ne "work"', false], // ne is "no value equals"
    ['emails[type eq "work" and value co "@contoso.com"]', true],
    ['emails[type eq "work" and value co "@home"]', false],
    ['emails[type eq "home" or value sw "x"]', true],
    ['emails[not (type eq "home")]', true],
    ['emails[type eq "work"].value eq "ada@contoso.com"', true],
    ['emails[type eq "home"].value eq "ada@contoso.com"', false], // the same element must satisfy both
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"', true],
    // Enterprise extension, qualified and (as Entra sends manager) not.
    [`${ENTERPRISE}:department eq "r&d"`, true],
    [`${ENTERPRISE}:manager.value eq "m-1"`, true],
    [`${ENTERPRISE}:manager eq "m-1"`, true],
    ['manager eq "m-1"', true],
    ['id eq "Abc-1" and manager eq "m-2"', false],
    ['department eq "R&D"', true],
    // pr: false for null, "", [], {} and absent.
    ['displayName pr', true],
    ['title pr', false],
    ['nickName pr', false],
    ['phoneNumbers pr', false],
    ['addresses pr', false],
    ['locale pr', false],
    ['emails pr', true],
    ['name pr', true],
    ['name.middleName pr', false],
    [`${ENTERPRISE}:manager pr`, true],
    // Absent attributes and null.
    ['locale eq "en"', false],
    ['locale ne "en"', true],
    ['locale co "en"', false],
    ['locale gt "a"', false],
    ['locale eq null', true],
    ['nickName eq null', true],
    ['phoneNumbers eq null', true],
    ['userName eq null', false],
    ['userName ne null', true],
    ['locale ne null', false],
    // Logic and precedence.
    ['userName eq "x" or active eq true and title pr', false],
    ['(userName eq "x" or active eq true) and displayName pr', true],
    ['not (userName eq "x")', true],
    ['not (userName pr)', false],
    ['userName eq "x" or userName eq "ada@contoso.com"', true],
    ['userName pr and not (emails[type eq "fax"])', true],
  ];

  test.each(cases)('%s → %p', (text, expected) => {
    expect(matchesScimFilter(user, parseScimFilter(text), traits)).toBe(expected);
  });

  const invalid: [string, RegExp][] = [
    ['active gt true', /"gt" does not apply to boolean/],
    ['active lt "x"', /"lt" does not apply to boolean/],
    [`${CONTOSO}:remote ge false`, /"ge" does not apply to boolean/],
    ['emails gt "a"', /"emails" is complex: name a sub-attribute/],
    ['name le "a"', /"name" is complex/],
    ['x509Certificates.value gt "a"', /does not apply to binary/],
    ['userName gt null', /needs a string, number or dateTime value/],
    ['userName gt true', /needs a string, number or dateTime value/],
    ['userName co 1', /"co" needs a string value/],
    ['active co "t"', /"co" does not apply to boolean/],
    ['meta.created gt "yesterday"', /"yesterday" is not a dateTime/],
    ['meta.created eq "2011-05-13"', /is not a dateTime/],
    ['locale gt true', /needs a string/], // even when the attribute is absent
  ];

  test.each(invalid)('%s is an invalidFilter', (text, message) => {
    let thrown: unknown;
    try {
      matchesScimFilter(user, parseScimFilter(text), traits);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).scimType).toBe('invalidFilter');
    expect((thrown as ValidationError).message).toMatch(message);
  });

  test('uses defaultTraits when none are given', () => {
    expect(matchesScimFilter(user, parseScimFilter('externalId eq "e1"'))).toBe(false);
    expect(matchesScimFilter(user, parseScimFilter('displayName eq "ADA LOVELACE"'))).toBe(true);
  });

  test('evaluates a value filter on one element with `within`', () => {
    const filter = parseScimFilter('type eq "work" and primary eq true');
    expect(matchesScimFilter({ type: 'WORK', primary: 'True' }, filter, defaultTraits, { attribute: 'emails' })).toBe(true);
    expect(matchesScimFilter({ type: 'work' }, filter, defaultTraits, { attribute: 'emails' })).toBe(false);
  });

  test('passes absolute paths to the traits resolver', () => {
    const seen: FilterAttributePath[] = [];
    matchesScimFilter(user, parseScimFilter(`emails[type eq "x"] or ${ENTERPRISE}:manager eq "y"`), (path) => {
      seen.push(path);
      return defaultTraits(path);
    });
    expect(seen).toContainEqual({ attribute: 'emails', subAttribute: 'type' });
    expect(seen).toContainEqual({ schemaUrn: ENTERPRISE, attribute: 'manager' });
    expect(seen).toContainEqual({ schemaUrn: ENTERPRISE, attribute: 'manager', subAttribute: 'value' });
  });

  test('evaluates the largest filters the parser accepts without exhausting the stack', () => {
    const or = parseScimFilter(Array.from({ length: 1000 }, () => 'x pr').join(' or '));
    const and = parseScimFilter(Array.from({ length: 1000 }, () => 'id pr').join(' and '));
    expect(matchesScimFilter(user, or)).toBe(false);
    expect(matchesScimFilter(user, and)).toBe(true);
  });
});
