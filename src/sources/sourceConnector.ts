import type { JsonObject } from '../domain/identityObject';

/** One source object as read. `key` is the staging key (the source's stable id). */
export interface SourceObject {
  objectType: string;
  key: string;
  data: JsonObject;
  /** The source's version of this state (e.g. meta.lastModified), when it has one: staged only if newer. */
  version?: string;
}

export interface SourceDeletion {
  objectType: string;
  key: string;
}

export type SourceReadMode = 'full' | 'changes';

export interface SourcePage {
  objects: SourceObject[];
  /** Objects the source reports deleted (a change feed's tombstones). Full reads report none: absence is detected by the cycle's sweep. */
  deletions: SourceDeletion[];
  /** Where the next page starts; undefined when this was the last page. Opaque to the engine. */
  nextCursor?: string;
  /** On the last page: the watermark the next incremental read starts from. Opaque to the engine. */
  watermark?: string;
  /**
   * At most this many of the page's first objects may repeat the previous page's (a source paged with overlap,
   * src/sources/finishSourcePage.ts). Absent: any of them may.
   */
  repeats?: number;
  /**
   * True when the read is a full read even though changes were asked for (the source cannot filter by change):
   * the cycle then detects changes by content hash and deletions by absence.
   * Decided per read, and the same on every page of it, with one exception: a source that turns out unable to
   * filter after some pages of a changes read (src/sources/scim) restarts the read from its first page as a full
   * read, and every page from then on says true. So the last page's value is the one that holds for the read.
   */
  fullRead: boolean;
}

/**
 * Where pull sources come from (DESIGN principle 3: capabilities, not a god interface). A cycle reads page by
 * page: `readPage(mode, watermark, cursor)` with cursor undefined for the first page. The engine saves the
 * cursor only after a page's objects are staged and enqueued, so a crash repeats at most one page. Throws
 * only IdbridgeError subclasses (src/domain/errors.ts), classified for the cycle (retry the page, or fail the
 * cycle and quarantine on credentials/connection). Convention shared with target connectors, so that
 * quarantine can tell "the app is unreachable or refuses us" from "this object is bad":
 * SCIM sources classify responses exactly as the SCIM target client does (src/connectors/scim), so the codes
 * SCIM_ERROR_CODES.unauthorized (401/403) and .unreachable (nothing sent: DNS, refused, TLS) mean "the app
 * refuses us or cannot be reached", which quarantine acts on (EncounteredQuarantineException).
 */
export interface SourceConnector {
  readonly displayName: string;
  /**
   * True when a read of changes reports every deletion as a tombstone (a change feed that keeps them). Absent:
   * deletions are found only by a full read's sweep, so cycles read everything once `schedule.fullReadInterval`
   * has passed since the last full read (src/cycles/planCycleStart.ts). Neither built-in source has it: SCIM's
   * `meta.lastModified gt` filter cannot return what is gone, and the built-in directory keeps no tombstones.
   */
  readonly changesReportDeletions?: boolean;
  readPage(request: { mode: SourceReadMode; watermark?: string; cursor?: string }): Promise<SourcePage>;
  /** One object by key, for on-demand provisioning; undefined when the source has no such object. */
  readObject(objectType: string, key: string): Promise<SourceObject | undefined>;
}
