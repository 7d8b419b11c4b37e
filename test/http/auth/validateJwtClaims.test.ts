import { validateJwtClaims } from '../../../src/http/auth/validateJwtClaims';

const NOW = 1_790_000_000; // seconds
const SKEW = 300;
const expect_ = { issuer: 'https://sts.windows.net/t/', audience: 'aud-1', nowInMs: NOW * 1000, clockSkewInMs: SKEW * 1000 };
const base = { iss: 'https://sts.windows.net/t/', aud: 'aud-1', exp: NOW + 3600 };

describe('validateJwtClaims (RFC 7519 §4.1, 5 minutes of skew)', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['the minimum Entra claims', {}, true],
    ['iss differs in case', { iss: 'https://STS.windows.net/t/' }, false],
    ['iss is not a string', { iss: ['https://sts.windows.net/t/'] }, false],
    ['aud array with ours', { aud: ['x', 'aud-1'] }, true],
    ['aud array without ours', { aud: ['x', 'y'] }, false],
    ['aud array of non-strings', { aud: [1, null, { aud: 'aud-1' }] }, false],
    ['aud is an empty array', { aud: [] }, false],
    ['aud is a number', { aud: 1 }, false],
    ['exp one second ahead', { exp: NOW + 1 }, true],
    ['exp now: inside the skew', { exp: NOW }, true],
    ['exp 299 s ago: inside the skew', { exp: NOW - 299 }, true],
    ['exp 299.999 s ago (fractional NumericDate)', { exp: NOW - 299.999 }, true],
    ['exp exactly 300 s ago: rejected (on or after exp + skew)', { exp: NOW - 300 }, false],
    ['exp 301 s ago', { exp: NOW - 301 }, false],
    ['exp as a string', { exp: String(NOW + 3600) }, false],
    ['exp missing', { exp: undefined }, false],
    ['exp NaN-like null', { exp: null }, false],
    ['nbf exactly 300 s ahead: inside the skew', { nbf: NOW + 300 }, true],
    ['nbf 301 s ahead', { nbf: NOW + 301 }, false],
    ['nbf in the past', { nbf: NOW - 10 }, true],
    ['nbf not a number', { nbf: 'soon' }, false],
    ['iat exactly 300 s ahead: inside the skew', { iat: NOW + 300 }, true],
    ['iat 301 s ahead', { iat: NOW + 301 }, false],
    ['iat not a number', { iat: true }, false],
  ])('%s', (_name, overrides, ok) => {
    expect(validateJwtClaims({ ...base, ...overrides }, expect_).ok).toBe(ok);
  });
});
