import { groupBy } from '../../src/collections/groupBy';

describe('groupBy', () => {
  it('keeps groups in the order of their first item and items in input order', () => {
    const items = [{ k: 'b', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }];
    expect([...groupBy(items, (i) => i.k)]).toEqual([
      ['b', [{ k: 'b', n: 1 }, { k: 'b', n: 3 }]],
      ['a', [{ k: 'a', n: 2 }]],
    ]);
  });

  it('is empty for no items', () => {
    expect(groupBy([], String).size).toBe(0);
  });
});
