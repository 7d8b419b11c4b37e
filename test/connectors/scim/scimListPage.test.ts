import { scimListPageRequest, scimListPageResult } from '../../../src/connectors/scim/scimListPage';
import { PermanentError } from '../../../src/domain/errors';

describe('scimListPage: index-based paging (RFC 7644 §3.4.2.4)', () => {
  it('asks for the page a cursor names, groups without members', () => {
    expect(scimListPageRequest('/Users', undefined, 100)).toEqual({ pathAndQuery: '/Users?startIndex=1&count=100', operation: 'GET /Users?startIndex=1&count=100', startIndex: 1 });
    expect(scimListPageRequest('/Groups', '201', 50).pathAndQuery).toBe('/Groups?startIndex=201&count=50&excludedAttributes=members');
  });

  it.each(['0', '-1', '1.5', 'abc', '', '01', '99999999999999999999'])('rejects the cursor %j', (cursor) => {
    expect(() => scimListPageRequest('/Users', cursor, 10)).toThrow(PermanentError);
  });

  it.each([0, -5, 2.5])('rejects the page size %j', (count) => {
    expect(() => scimListPageRequest('/Users', undefined, count)).toThrow(PermanentError);
  });

  const objects = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}`, data: { id: `u${i}` } }));
  const cases: [string, { resources: number; totalResults: number; startIndex: number }, string | undefined][] = [
    ['a full first page of more', { resources: 3, totalResults: 7, startIndex: 1 }, '4'],
    ['the page that reaches totalResults', { resources: 1, totalResults: 7, startIndex: 7 }, undefined],
    ['an empty page, whatever totalResults says', { resources: 0, totalResults: 9, startIndex: 4 }, undefined],
    ['a target that ignored count and sent everything', { resources: 7, totalResults: 7, startIndex: 1 }, undefined],
    ['a target that sends fewer than asked', { resources: 2, totalResults: 7, startIndex: 4 }, '6'],
  ];
  it.each(cases)('%s', (_name, page, next) => {
    const result = scimListPageResult({ resources: objects(page.resources), totalResults: page.totalResults, startIndex: 1 }, page.startIndex);
    expect(result.nextCursor).toBe(next);
    expect(result.objects).toHaveLength(page.resources);
  });
});
