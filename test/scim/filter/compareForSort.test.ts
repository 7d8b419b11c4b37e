import type { JsonObject } from '../../../src/domain/identityObject';
import { compareForSort } from '../../../src/scim/filter/compareForSort';
import { defaultTraits } from '../../../src/scim/filter/defaultTraits';
import type { FilterAttributePath } from '../../../src/scim/filter/scimFilter';
import { parseScimPath } from '../../../src/scim/parseScimPath';

const users: JsonObject[] = [
  { id: 'b', userName: 'bob', meta: { lastModified: '2024-01-01T10:00:00+02:00' }, emails: [{ value: 'z@x' }, { value: 'b@x', primary: true }], n: 10 },
  { id: 'a', userName: 'Alice', meta: { lastModified: '2024-01-01T09:00:00Z' }, emails: [{ value: 'c@x' }], n: 9 },
  { id: 'c', meta: {}, n: 100 },
  { id: 'D', userName: 'carol', meta: { lastModified: '2023-12-31T23:00:00Z' }, emails: [], n: 2 },
];

function sortIds(sortBy: string, order: 'ascending' | 'descending'): string[] {
  const path: FilterAttributePath = parseScimPath(sortBy);
  return [...users].sort((x, y) => compareForSort(x, y, path, defaultTraits, order)).map((u) => u.id as string);
}

describe('compareForSort (RFC 7644 §3.4.2.3)', () => {
  test.each<[string, 'ascending' | 'descending', string[]]>([
    // Case-insensitive strings; missing values last ascending, first descending.
    ['userName', 'ascending', ['a', 'b', 'D', 'c']],
    ['userName', 'descending', ['c', 'D', 'b', 'a']],
    // caseExact id: "D" < "a" by code point.
    ['id', 'ascending', ['D', 'a', 'b', 'c']],
    // dateTime chronologically across zones (bob's 10:00+02:00 is 08:00Z).
    ['meta.lastModified', 'ascending', ['D', 'b', 'a', 'c']],
    // Multi-valued: the primary value, else the first; [] is no data (and ties with absent: the sort is stable).
    ['emails.value', 'ascending', ['b', 'a', 'c', 'D']],
    ['emails', 'ascending', ['b', 'a', 'c', 'D']],
    // Numbers numerically, not as text.
    ['n', 'ascending', ['D', 'a', 'b', 'c']],
    ['n', 'descending', ['c', 'b', 'a', 'D']],
  ])('%s %s', (sortBy, order, ids) => {
    expect(sortIds(sortBy, order)).toEqual(ids);
  });

  test('equal and both-missing values tie', () => {
    const path = { attribute: 'title' };
    expect(compareForSort({}, {}, path, defaultTraits, 'ascending')).toBe(0);
    expect(Math.abs(compareForSort({ title: 'A' }, { title: 'a' }, path, defaultTraits, 'descending'))).toBe(0);
  });
});
