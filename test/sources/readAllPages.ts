import type { SourceConnector, SourceObject, SourcePage, SourceReadMode } from '../../src/sources/sourceConnector';

export interface WholeRead {
  pages: SourcePage[];
  objects: SourceObject[];
  last: SourcePage;
}

/** Reads page by page as the cycle does (cursor from page to page) until a page has no next cursor. */
export async function readAllPages(source: SourceConnector, mode: SourceReadMode, watermark?: string, maxPages = 200): Promise<WholeRead> {
  const pages: SourcePage[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await source.readPage({ mode, ...(watermark === undefined ? {} : { watermark }), ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page);
    if (page.nextCursor === undefined) return { pages, objects: pages.flatMap((p) => p.objects), last: page };
    if (pages.length >= maxPages) throw new Error(`no end after ${maxPages} pages`);
    cursor = page.nextCursor;
  }
}

/** The distinct keys read per object type (pages may repeat objects on purpose). */
export function keysByType(objects: readonly SourceObject[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const object of objects) (out[object.objectType] ??= new Set()).add(object.key);
  return Object.fromEntries(Object.entries(out).map(([type, keys]) => [type, [...keys].sort()]));
}
