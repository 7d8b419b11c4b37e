import type { SourceObject, SourcePage } from './sourceConnector';
import { objectTypeAfter, type SourceObjectType } from './sourceObjectType';
import { encodeSourceReadCursor, type SourceReadCursor } from './sourceReadCursor';
import { watermarkAfterRead } from './sourceWatermark';

/** Most resources a page re-reads from the end of the previous one. */
export const MAX_PAGE_OVERLAP = 10;

export interface ListedPage {
  objects: SourceObject[];
  /** The source's count of everything matching (RFC 7644 §3.4.2 totalResults), as of this answer. */
  totalResults: number;
}

/**
 * The SourcePage for one listed page, and where the read goes next: the next page of the same type, the next
 * object type, or (on the last page) the watermark.
 *
 * Paging by startIndex is not a snapshot (RFC 7644 §3.4.2.4: "pagination is not session based", clients
 * "SHOULD never assume repeatable results"): a create between two requests shifts later resources up, so the next
 * page repeats some (harmless: staging the same state again is no news to the cycle); a delete shifts them
 * down, so the first resource after the page would be skipped. A skipped resource's changes are caught by the
 * next cycle, but in a full read it would also look deleted to the cycle's sweep. So each page starts a few
 * resources before the previous one ended (up to MAX_PAGE_OVERLAP, a quarter of the page): that many deletes
 * between two requests skip nothing, at the price of re-reading them.
 *
 * A type ends on an empty page or once the page reaches totalResults; sources that return fewer than `count`
 * (RFC 7644 §3.4.2.4 allows it) are simply paged further.
 */
export function finishSourcePage(cursor: SourceReadCursor, types: readonly SourceObjectType[], page: ListedPage): SourcePage {
  const returned = page.objects.length;
  const dated = cursor.dated && page.objects.every((object) => object.version !== undefined);
  const end = cursor.startIndex + returned;
  const { previousFirstId: _previous, overlap: _overlap, ...rest } = cursor;
  let next: SourceReadCursor | undefined;
  if (returned > 0 && end <= page.totalResults) {
    const firstId = page.objects[0]?.key;
    const overlap = Math.min(MAX_PAGE_OVERLAP, Math.floor(returned / 4));
    next = { ...rest, startIndex: end - overlap, overlap, dated, ...(firstId === undefined ? {} : { previousFirstId: firstId }) };
  } else {
    const type = objectTypeAfter(cursor.objectType, types);
    next = type === undefined ? undefined : { ...rest, objectType: type, startIndex: 1, dated };
  }
  // A type's first page repeats nothing; a later one at most what its cursor says (unknown in a cursor written
  // before the cursor said it: then any of it may).
  const repeats = cursor.startIndex === 1 ? 0 : cursor.overlap;
  const base = { objects: page.objects, deletions: [], fullRead: cursor.read === 'full', ...(repeats === undefined ? {} : { repeats }) };
  return next === undefined ? { ...base, watermark: watermarkAfterRead(cursor.startedAt, dated) } : { ...base, nextCursor: encodeSourceReadCursor(next) };
}
