import { chunksOf } from '../../src/collections/chunksOf';

describe('chunksOf', () => {
  it.each([
    [[], 3, []],
    [[1, 2, 3], 3, [[1, 2, 3]]],
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2], 5, [[1, 2]]],
  ])('slices %j by %i', (items, size, expected) => {
    expect(chunksOf(items, size)).toEqual(expected);
  });
});
