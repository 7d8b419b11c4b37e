import { ValidationError } from '../../src/domain/errors';
import type { JsonObject } from '../../src/domain/identityObject';
import { matchesEqFilter } from '../../src/scim/matchesEqFilter';
import { parseEqFilter } from '../../src/scim/parseEqFilter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseEqFilter', () => {
  test.each([
    ['userName eq "Test_User_1"', [{ path: { attribute: 'userName' }, value: 'Test_User_1' }]],
    ['externalId eq jyoung', [{ path: { attribute: 'externalId' }, value: 'jyoung' }]],
    ['userName EQ "a b"', [{ path: { attribute: 'userName' }, value: 'a b' }]],
    ['active eq true', [{ path: { attribute: 'active' }, value: true }]],
    [
      'emails[type eq "work"].value eq "a@b"',
      [{ path: { attribute: 'emails', filter: { kind: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' }, subAttribute: 'value' }, value: 'a@b' }],
    ],
    [`${ENTERPRISE}:employeeNumber eq "42"`, [{ path: { schemaUrn: ENTERPRISE, attribute: 'employeeNumber' }, value: '42' }]],
    [
      'id eq "u1" and manager eq "m1"',
      [
        { path: { attribute: 'id' }, value: 'u1' },
        { path: { attribute: 'manager' }, value: 'm1' },
      ],
    ],
  ])('%s', (text, comparisons) => {
    expect(parseEqFilter(text)).toEqual({ comparisons });
  });

  test.each([
    ['', /expected an attribute name/],
    ['userName', /expected a space and "eq"/],
    ['userName ne "x"', /"ne" is not supported yet/],
    ['userName eq "x" or id eq "y"', /"or" is not supported yet/],
    ['userName eq "x" and', /expected a space after "and"|expected an attribute name/],
    ['userName eq "x', /unterminated string/],
    ['(userName eq "x")', /parentheses are not supported yet/],
    ['userName eq "x"y', /unexpected "y"/],
    ['userName pr', /"pr" is not supported yet/],
  ])('rejects %p', (text, message) => {
    expect(() => parseEqFilter(text)).toThrow(ValidationError);
    try {
      parseEqFilter(text);
    } catch (error) {
      expect((error as ValidationError).scimType).toBe('invalidFilter');
      expect((error as ValidationError).message).toMatch(message);
    }
  });
});

describe('matchesEqFilter', () => {
  const user: JsonObject = {
    id: 'Abc',
    userName: 'Ada@Contoso.com',
    externalId: 'E1',
    active: false,
    emails: [{ type: 'work', value: 'ada@contoso.com' }],
    [ENTERPRISE]: { employeeNumber: '42', manager: { value: 'm1' } },
  };
  test.each([
    ['userName eq "ada@contoso.com"', true],
    ['username eq "ADA@CONTOSO.COM"', true],
    ['id eq "Abc"', true],
    ['id eq "abc"', false],
    ['externalId eq "e1"', false],
    ['externalId eq "E1"', true],
    ['active eq false', true],
    ['emails[type eq "work"].value eq "ADA@contoso.com"', true],
    ['emails.value eq "ada@contoso.com"', true],
    [`${ENTERPRISE}:employeeNumber eq "42"`, true],
    ['id eq "Abc" and manager eq "m1"', true],
    ['id eq "Abc" and manager eq "m2"', false],
    ['title eq null', true],
    ['userName eq "3f2a0f1c-6d0b-4e1e-9c59-0b4c1bd9d0e1"', false],
  ])('%s → %p', (text, expected) => {
    expect(matchesEqFilter(user, parseEqFilter(text))).toBe(expected);
  });
});
