import { equalityHints } from '../../../src/scim/filter/equalityHints';
import { parseScimFilter } from '../../../src/scim/filter/parseScimFilter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('equalityHints', () => {
  test.each<[string, { attribute: string; value: string }[]]>([
    ['userName eq "a"', [{ attribute: 'userName', value: 'a' }]],
    ['id eq "u1" and manager eq "m1"', [{ attribute: 'id', value: 'u1' }, { attribute: 'manager', value: 'm1' }]],
    ['externalId eq "e" and (active eq true and title pr)', [{ attribute: 'externalId', value: 'e' }]],
    ['emails.value eq "a@b"', [{ attribute: 'emails.value', value: 'a@b' }]],
    ['emails[value eq "a@b"]', [{ attribute: 'emails.value', value: 'a@b' }]],
    ['emails[type eq "work"].value eq "a@b"', [{ attribute: 'emails.type', value: 'work' }, { attribute: 'emails.value', value: 'a@b' }]],
    [`${ENTERPRISE}:employeeNumber eq "7"`, [{ attribute: `${ENTERPRISE}:employeeNumber`, value: '7' }]],
    ['userName eq "a" or userName eq "b"', []],
    ['not (userName eq "a")', []],
    ['userName ne "a"', []],
    ['userName co "a"', []],
    ['active eq true', []],
    ['userName eq null', []],
    ['emails[value eq "a" or value eq "b"]', []],
    ['(userName eq "a" or id eq "b") and externalId eq "c"', [{ attribute: 'externalId', value: 'c' }]],
  ])('%s', (text, hints) => {
    expect(equalityHints(parseScimFilter(text))).toEqual(hints);
  });
});
