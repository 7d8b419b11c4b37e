import { finishSourcePage, MAX_PAGE_OVERLAP } from '../../src/sources/finishSourcePage';
import type { SourceObject } from '../../src/sources/sourceConnector';
import type { SourceObjectType } from '../../src/sources/sourceObjectType';
import { decodeSourceReadCursor, type SourceReadCursor } from '../../src/sources/sourceReadCursor';
import { readSourceWatermark } from '../../src/sources/sourceWatermark';

const startedAt = '2026-11-21T10:00:00.000Z';

function cursor(overrides: Partial<SourceReadCursor> = {}): SourceReadCursor {
  return { v: 1, read: 'full', startedAt, objectType: 'User', startIndex: 1, dated: true, ...overrides };
}

/** `version: null` gives objects without a version (a source without meta.lastModified). */
function objects(count: number, firstKey = 1, version: string | null = '2026-01-01T00:00:00.000Z'): SourceObject[] {
  return Array.from({ length: count }, (_, i) => ({ objectType: 'User', key: `u${firstKey + i}`, data: {}, ...(version === null ? {} : { version }) }));
}

describe('finishSourcePage', () => {
  const both: SourceObjectType[] = ['User', 'Group'];

  it('says how many of a page\'s first objects may repeat the previous page: none on a type\'s first page, then the overlap', () => {
    const first = finishSourcePage(cursor(), both, { objects: objects(100), totalResults: 250 });
    expect(first.repeats).toBe(0);
    const second = finishSourcePage(decodeSourceReadCursor(first.nextCursor ?? ''), both, { objects: objects(100, 91), totalResults: 250 });
    expect(second.repeats).toBe(MAX_PAGE_OVERLAP);
    const last = finishSourcePage(decodeSourceReadCursor(second.nextCursor ?? ''), both, { objects: objects(70, 181), totalResults: 250 });
    expect(last.repeats).toBe(MAX_PAGE_OVERLAP);
    // The next type starts afresh; a cursor written before cursors carried the overlap may repeat anything.
    const groups = finishSourcePage(decodeSourceReadCursor(last.nextCursor ?? ''), both, { objects: objects(3), totalResults: 3 });
    expect(groups.repeats).toBe(0);
    expect(finishSourcePage(cursor({ startIndex: 91 }), both, { objects: objects(10), totalResults: 250 }).repeats).toBeUndefined();
  });

  it.each([
    // returned, totalResults, startIndex, expected next startIndex (undefined: the type is done)
    [7, 23, 1, 8 - 1],
    [7, 23, 7, 14 - 1],
    [3, 23, 1, 4], // fewer than a quarter to spare: no overlap, still progress
    [1, 23, 1, 2],
    [100, 1000, 1, 101 - MAX_PAGE_OVERLAP],
    [40, 1000, 1, 41 - 10],
    [7, 7, 1, undefined], // reached totalResults
    [2, 23, 22, undefined], // the page ends past totalResults
    [0, 23, 8, undefined], // empty page: done even though totalResults says more
  ])('after %i of %i from %i the next page starts at %s', (returned, totalResults, startIndex, expected) => {
    const page = finishSourcePage(cursor({ startIndex }), ['User'], { objects: objects(returned), totalResults });
    if (expected === undefined) {
      expect(page.nextCursor).toBeUndefined();
      expect(page.watermark).toBeDefined();
    } else {
      expect(page.watermark).toBeUndefined();
      expect(decodeSourceReadCursor(page.nextCursor ?? '')).toMatchObject({ objectType: 'User', startIndex: expected, previousFirstId: 'u1' });
    }
  });

  it('moves on to groups when users are done, and only the last page carries the watermark', () => {
    const users = finishSourcePage(cursor({ previousFirstId: 'u0', startIndex: 5 }), both, { objects: objects(2, 5), totalResults: 6 });
    const next = decodeSourceReadCursor(users.nextCursor ?? '');
    expect(next).toEqual({ v: 1, read: 'full', startedAt, objectType: 'Group', startIndex: 1, dated: true });
    const groups = finishSourcePage(next, both, { objects: [], totalResults: 0 });
    expect(groups.nextCursor).toBeUndefined();
    expect(readSourceWatermark(groups.watermark)).toEqual({ v: 1, since: '2026-11-21T09:55:00Z' });
  });

  it('skips a type the job no longer maps (edited mid-read) and ends when none is left', () => {
    expect(finishSourcePage(cursor({ objectType: 'Group' }), ['User'], { objects: [], totalResults: 0 }).nextCursor).toBeUndefined();
    const fromUser = finishSourcePage(cursor(), ['Group'], { objects: [], totalResults: 0 });
    expect(decodeSourceReadCursor(fromUser.nextCursor ?? '').objectType).toBe('Group');
  });

  it('says fullRead as the read was planned, and reports no deletions', () => {
    expect(finishSourcePage(cursor(), ['User'], { objects: objects(1), totalResults: 1 })).toMatchObject({ fullRead: true, deletions: [] });
    expect(finishSourcePage(cursor({ read: 'changes', since: '2026-11-21T09:00:00Z' }), ['User'], { objects: objects(1), totalResults: 1 }).fullRead).toBe(false);
  });

  it('ends with a watermark that forces full reads once a resource without meta.lastModified was seen', () => {
    const undated = finishSourcePage(cursor(), both, { objects: [...objects(1), ...objects(1, 2, null)], totalResults: 9 });
    expect(decodeSourceReadCursor(undated.nextCursor ?? '').dated).toBe(false);
    const last = finishSourcePage({ ...decodeSourceReadCursor(undated.nextCursor ?? ''), startIndex: 9 }, ['User'], { objects: objects(1, 9), totalResults: 9 });
    expect(readSourceWatermark(last.watermark)).toEqual({ v: 1, since: null });
  });
});
