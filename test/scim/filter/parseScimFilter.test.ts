import { ValidationError } from '../../../src/domain/errors';
import { formatScimFilter } from '../../../src/scim/filter/formatScimFilter';
import { MAX_FILTER_LENGTH, parseScimFilter } from '../../../src/scim/filter/parseScimFilter';
import type { CompareOperator, FilterAttributePath, ScimFilter } from '../../../src/scim/filter/scimFilter';
import type { ScimLiteral } from '../../../src/scim/scimPath';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function cmp(path: FilterAttributePath | string, operator: CompareOperator, value: ScimLiteral): ScimFilter {
  return { kind: 'compare', path: typeof path === 'string' ? { attribute: path } : path, operator, value };
}
const and = (left: ScimFilter, right: ScimFilter): ScimFilter => ({ kind: 'and', left, right });
const or = (left: ScimFilter, right: ScimFilter): ScimFilter => ({ kind: 'or', left, right });
const not = (filter: ScimFilter): ScimFilter => ({ kind: 'not', filter });
const pr = (attribute: string, subAttribute?: string): ScimFilter => ({ kind: 'present', path: subAttribute ? { attribute, subAttribute } : { attribute } });

describe('parseScimFilter', () => {
  // The examples of RFC 7644 §3.4.2.2, then Entra's and the edge cases.
  const cases: [string, ScimFilter][] = [
    ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
    ['name.familyName co "O\'Malley"', cmp({ attribute: 'name', subAttribute: 'familyName' }, 'co', "O'Malley")],
    ['userName sw "J"', cmp('userName', 'sw', 'J')],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', cmp('userName', 'sw', 'J')],
    ['title pr', pr('title')],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp({ attribute: 'meta', subAttribute: 'lastModified' }, 'gt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp({ attribute: 'meta', subAttribute: 'lastModified' }, 'ge', '2011-05-13T04:42:34Z')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp({ attribute: 'meta', subAttribute: 'lastModified' }, 'lt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp({ attribute: 'meta', subAttribute: 'lastModified' }, 'le', '2011-05-13T04:42:34Z')],
    ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', cmp('schemas', 'eq', ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp('userType', 'eq', 'Employee'), or(cmp('emails', 'co', 'example.com'), cmp({ attribute: 'emails', subAttribute: 'value' }, 'co', 'example.org'))),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(cmp('userType', 'ne', 'Employee'), not(or(cmp('emails', 'co', 'example.com'), cmp({ attribute: 'emails', subAttribute: 'value' }, 'co', 'example.org')))),
    ],
    ['userType eq "Employee" and (emails.type eq "work")', and(cmp('userType', 'eq', 'Employee'), cmp({ attribute: 'emails', subAttribute: 'type' }, 'eq', 'work'))],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp('userType', 'eq', 'Employee'), { kind: 'valuePath', path: { attribute: 'emails' }, filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')) }),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        { kind: 'valuePath', path: { attribute: 'emails' }, filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')) },
        { kind: 'valuePath', path: { attribute: 'ims' }, filter: and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com')) },
      ),
    ],
    // Entra (reference 2.1, 2.6): sub-attribute after a value path, unqualified manager, URN paths.
    ['emails[type eq "work"].value eq "a@b"', { kind: 'valuePath', path: { attribute: 'emails' }, filter: and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'a@b')) }],
    ['emails[type eq "work"].value pr', { kind: 'valuePath', path: { attribute: 'emails' }, filter: and(cmp('type', 'eq', 'work'), pr('value')) }],
    ['id eq "u1" and manager eq "m1"', and(cmp('id', 'eq', 'u1'), cmp('manager', 'eq', 'm1'))],
    [`${ENTERPRISE}:department eq "R&D"`, cmp({ schemaUrn: ENTERPRISE, attribute: 'department' }, 'eq', 'R&D')],
    [`${ENTERPRISE}:manager.value eq "m1"`, cmp({ schemaUrn: ENTERPRISE, attribute: 'manager', subAttribute: 'value' }, 'eq', 'm1')],
    [`${ENTERPRISE}:badges[type eq "door"]`, { kind: 'valuePath', path: { schemaUrn: ENTERPRISE, attribute: 'badges' }, filter: cmp('type', 'eq', 'door') }],
    // Precedence: not > and > or (RFC 7644 §3.4.2.2); chains are left-associative.
    ['a eq 1 or b eq 2 and c eq 3', or(cmp('a', 'eq', 1), and(cmp('b', 'eq', 2), cmp('c', 'eq', 3)))],
    ['a eq 1 and b eq 2 or c eq 3', or(and(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3))],
    ['(a eq 1 or b eq 2) and c eq 3', and(or(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3))],
    ['a pr and b pr and c pr', and(and(pr('a'), pr('b')), pr('c'))],
    ['a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and (b pr and c pr)', and(pr('a'), and(pr('b'), pr('c')))],
    ['not (a pr) and b pr', and(not(pr('a')), pr('b'))],
    ['not(not (a pr))', not(not(pr('a')))],
    ['((((a pr))))', pr('a')],
    ['emails[not (type eq "work")]', { kind: 'valuePath', path: { attribute: 'emails' }, filter: not(cmp('type', 'eq', 'work')) }],
    ['emails[(type eq "a" or type eq "b") and primary eq true]', { kind: 'valuePath', path: { attribute: 'emails' }, filter: and(or(cmp('type', 'eq', 'a'), cmp('type', 'eq', 'b')), cmp('primary', 'eq', true)) }],
    // Case-insensitive keywords and operators, names keep their spelling.
    ['UserName EQ "x" AND Title PR OR NOT (Active Eq TRUE)', or(and(cmp('UserName', 'eq', 'x'), pr('Title')), not(cmp('Active', 'eq', true)))],
    ['a Ne 1', cmp('a', 'ne', 1)],
    ['a CO "x"', cmp('a', 'co', 'x')],
    ['a sW "x"', cmp('a', 'sw', 'x')],
    ['a Ew "x"', cmp('a', 'ew', 'x')],
    ['a pR', pr('a')],
    // Literals: JSON strings with escapes, numbers, true/false/null.
    ['a eq "say \\"hi\\""', cmp('a', 'eq', 'say "hi"')],
    ['a eq "back\\\\slash"', cmp('a', 'eq', 'back\\slash')],
    ['a eq "caf\\u00e9"', cmp('a', 'eq', 'café')],
    ['a eq "tab\\there"', cmp('a', 'eq', 'tab\there')],
    ['a eq "with ) and ] and ("', cmp('a', 'eq', 'with ) and ] and (')],
    ['a eq ""', cmp('a', 'eq', '')],
    ['a eq 42', cmp('a', 'eq', 42)],
    ['a gt -1.5e2', cmp('a', 'gt', -150)],
    ['a eq 0.25', cmp('a', 'eq', 0.25)],
    ['a eq -0', cmp('a', 'eq', 0)],
    ['a eq true', cmp('a', 'eq', true)],
    ['a eq False', cmp('a', 'eq', false)],
    ['a eq NULL', cmp('a', 'eq', null)],
    ['members.$ref eq "x"', cmp({ attribute: 'members', subAttribute: '$ref' }, 'eq', 'x')],
    // An attribute may be named like a keyword.
    ['not eq 1', cmp('not', 'eq', 1)],
    ['and pr or or pr', or(pr('and'), pr('or'))],
    // Whitespace: several spaces and tabs where the ABNF has SP; none needed next to brackets and quotes.
    ['  a  eq\t"x"   and\n(b pr)  ', and(cmp('a', 'eq', 'x'), pr('b'))],
    ['a eq"x"', cmp('a', 'eq', 'x')],
    ['(a pr)and(b pr)', and(pr('a'), pr('b'))],
  ];

  test.each(cases)('%s', (text, expected) => {
    expect(parseScimFilter(text)).toEqual(expected);
  });

  test.each(cases)('formats %s back to the same tree', (text) => {
    const tree = parseScimFilter(text);
    expect(parseScimFilter(formatScimFilter(tree))).toEqual(tree);
  });

  test('formats with only the parentheses the tree needs', () => {
    for (const text of [
      'a eq 1 or b eq 2 and c eq 3',
      '(a eq 1 or b eq 2) and c eq 3',
      'a pr and (b pr and c pr)',
      'a pr or (b pr or c pr)',
      'not (a pr or b pr) and c pr',
      'emails[type eq "work" and value co "@x"]',
      `${ENTERPRISE}:manager.value eq "m\\"1"`,
    ]) {
      expect(formatScimFilter(parseScimFilter(text))).toBe(text);
    }
  });

  test('accepts bare words as strings only when asked (an old Entra example)', () => {
    expect(parseScimFilter('externalId eq jyoung', { bareWordValues: true })).toEqual(cmp('externalId', 'eq', 'jyoung'));
    expect(() => parseScimFilter('externalId eq jyoung')).toThrow(/expected a value/);
  });

  const deep = (n: number): string => `${'('.repeat(n)}a pr${')'.repeat(n)}`;
  const malformed: [string, RegExp][] = [
    ['', /expected an attribute name but found the end at position 1/],
    ['   ', /expected an attribute name but found the end at position 4/],
    ['userName', /expected a space and an operator after the attribute path but found the end at position 9/],
    ['userName eq', /expected a value .* found the end at position 12/],
    ['userName eq ', /expected a value .* found the end at position 13/],
    ['userName equals "x"', /expected an operator \(eq, .*\) but found "equals" at position 10/],
    ['userName "x"', /expected an operator .* found '"' at position 10/],
    ['userName eq bjensen', /expected a value .* found "bjensen" at position 13/],
    ['userName eq "x', /unterminated string that starts at position 13/],
    ['userName eq "\\q"', /invalid escape sequence .* at position 13/],
    ['userName eq "\\u12"', /invalid escape sequence .* at position 13/],
    ['userName eq 1e999', /the number "1e999" is out of range at position 13/],
    ['userName eq "x" and', /expected an attribute name but found the end at position 20/],
    ['userName eq "x" or', /expected an attribute name but found the end at position 19/],
    ['userName eq "x" nand b pr', /expected "and", "or" or the end but found "nand" at position 17/],
    ['userName eq "x" "y"', /expected "and", "or" or the end but found '"' at position 17/],
    ['userName eq "x")', /unexpected "\)" at position 16/],
    ['(userName eq "x"', /expected "\)" but found the end at position 17/],
    ['(userName eq "x"]', /expected "and", "or" or "\)" but found "\]" at position 17/],
    ['()', /expected an attribute name but found "\)" at position 2/],
    ['not userName eq "x"', /expected "\(" after "not" but found "u" at position 5/],
    ['not', /expected "\(" after "not" but found the end at position 4/],
    ['and eq 1 and', /expected an attribute name but found the end at position 13/],
    ['emails[type eq "work"', /expected "\]" but found the end at position 22/],
    ['emails[type eq "work")', /expected "and", "or" or "\]" but found "\)" at position 22/],
    ['emails[]', /expected an attribute name but found "\]" at position 8/],
    ['emails[type eq "work"].value', /expected a space and an operator .* at position 29/],
    ['emails[type eq "work"].value.x eq 1', /only one level of sub-attribute is allowed at position 24/],
    ['emails[type eq "w"][x pr]', /expected "and", "or" or the end but found "\[" at position 20/],
    ['emails[members[value eq "x"]]', /value paths do not nest .* at position 15/],
    ['emails[type.x eq "w"]', /sub-attributes are not supported inside a value filter at position 12/],
    [`emails[${ENTERPRISE}:type eq "w"]`, /takes no schema URN at position 8/],
    ['name.givenName[x pr]', /value filter must follow the attribute, not its sub-attribute at position 15/],
    ['a.b.c eq 1', /only one level of sub-attribute is allowed at position 4/],
    ['1abc eq 1', /"1abc" is not a valid attribute name .* at position 1/],
    ['a:b eq 1', /unexpected ":" .* at position 2/],
    ['urn:x eq 1', /expected a schema URN and an attribute name after "urn:" at position 5/],
    [`${ENTERPRISE}: eq 1`, /expected an attribute name after the schema URN at position 60/],
    ['a eq 1 ]', /unexpected "\]" at position 8/],
    ['[a pr]', /expected an attribute name but found "\[" at position 1/],
    ['a pr pr', /expected "and", "or" or the end but found "pr" at position 6/],
    [deep(40), /nest deeper than 32 levels at position 33/],
    [`${'not ('.repeat(40)}a pr${')'.repeat(40)}`, /nest deeper than 32 levels/],
    [Array.from({ length: 1001 }, () => 'a pr').join(' or '), /more than 1000 comparisons/],
    ['a'.repeat(MAX_FILTER_LENGTH + 1), /longer than 10000 characters at position 10001/],
  ];

  test.each(malformed)('rejects %p', (text, message) => {
    let thrown: unknown;
    try {
      parseScimFilter(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).scimType).toBe('invalidFilter');
    expect((thrown as ValidationError).message).toMatch(/at position \d+$/);
    expect((thrown as ValidationError).message).toMatch(message);
  });

  test('keeps error messages short for long filters', () => {
    expect(() => parseScimFilter(`${'a pr or '.repeat(500)}(`)).toThrow(/^Invalid filter "a pr or .{180,200}…": /);
  });

  test('accepts the deepest nesting and the most comparisons allowed', () => {
    expect(parseScimFilter(deep(32))).toEqual(pr('a'));
    expect(() => parseScimFilter(Array.from({ length: 1000 }, () => 'a pr').join(' or '))).not.toThrow();
  });
});
