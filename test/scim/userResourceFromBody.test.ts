import { ValidationError } from '../../src/domain/errors';
import { parseListParams } from '../../src/scim/users/parseListParams';
import { scimUserLocation } from '../../src/scim/users/scimUserLocation';
import { userResourceFromBody } from '../../src/scim/users/userResourceFromBody';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('userResourceFromBody', () => {
  test('drops server-owned attributes and nulls, keeps values as sent, normalises Entra shapes', () => {
    expect(
      userResourceFromBody({
        schemas: [ENTERPRISE],
        id: 'client-chosen',
        meta: { resourceType: 'User' },
        UserName: 'Ada',
        active: 'True',
        phoneNumbers: null,
        roles: [],
        name: { givenName: 'Ada', middleName: null },
        [ENTERPRISE]: { manager: 'm1' },
      }),
    ).toEqual({ schemas: [CORE, ENTERPRISE], userName: 'Ada', active: true, roles: [], name: { givenName: 'Ada' }, [ENTERPRISE]: { manager: { value: 'm1' } } });
  });

  test.each([
    [{}, /userName: is required/],
    [{ userName: '  ' }, /userName: is required/],
    [{ userName: 5 }, /userName: is required/],
    [{ userName: 'a', active: 'maybe' }, /active: must be true or false/],
    [[], /must be a User object/],
  ])('rejects %p', (body, message) => {
    expect(() => userResourceFromBody(body)).toThrow(ValidationError);
    expect(() => userResourceFromBody(body)).toThrow(message);
  });
});

describe('parseListParams', () => {
  test.each([
    ['', { startIndex: 1, count: 100 }],
    ['startIndex=0&count=-5', { startIndex: 1, count: 0 }],
    ['startIndex=3&count=5000', { startIndex: 3, count: 1000 }],
    ['filter=userName%20eq%20%22a%22', { startIndex: 1, count: 100, filter: { comparisons: [{ path: { attribute: 'userName' }, value: 'a' }] } }],
  ])('%s', (query, expected) => {
    expect(parseListParams(new URLSearchParams(query))).toEqual(expected);
  });

  test('rejects a non-integer count', () => {
    expect(() => parseListParams(new URLSearchParams('count=ten'))).toThrow(/count: must be an integer/);
  });
});

describe('scimUserLocation', () => {
  test.each([
    ['https://h/scim/v2/Users', 'https://h/scim/v2/Users/u1'],
    ['https://h/scim/v2/Users?aadOptscim062020', 'https://h/scim/v2/Users/u1'],
    ['https://h/scim/v2/Users/u1?x=1', 'https://h/scim/v2/Users/u1'],
    ['http://127.0.0.1:7071/scim/v2/users/', 'http://127.0.0.1:7071/scim/v2/users/u1'],
  ])('%s', (url, expected) => {
    expect(scimUserLocation(url, 'u1')).toBe(expected);
  });
});
