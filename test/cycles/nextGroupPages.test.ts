import { nextGroupPages } from '../../src/cycles/importWindow';

describe('nextGroupPages', () => {
  it('takes groups of the cap, then half the pages left toward the window end, never less than a page', () => {
    // A window of 40 pages of 500 objects, groups of at most 5 pages (2,500 objects).
    const sizes: number[] = [];
    for (let remaining = 40; remaining > 0; ) {
      const pages = nextGroupPages(remaining, 5);
      sizes.push(pages);
      remaining -= pages;
    }
    expect(sizes).toEqual([5, 5, 5, 5, 5, 5, 5, 3, 1, 1]);
    expect(nextGroupPages(0, 5)).toBe(1);
    expect(nextGroupPages(7, 1)).toBe(1);
  });
});
