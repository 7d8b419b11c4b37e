import type { JsonObject } from '../../../src/domain/identityObject';
import type { SourceConnector, SourceDeletion, SourceObject, SourcePage, SourceReadMode } from '../../../src/sources/sourceConnector';

interface Entry {
  object?: SourceObject;
  deletion?: SourceDeletion;
  /** The source's clock when this state was written. */
  at: number;
}

/** Users before groups, as real sources read them. */
const TYPE_ORDER = ['User', 'Group'];

/**
 * An in-memory pull source with a change feed: every write ticks a clock, the watermark is the clock at the start
 * of a read, and a read of changes returns what was written after it, deletions as tombstones. With
 * `fullReadOnly` it behaves like a source that cannot filter: every read is full and says so, and deletions are
 * only visible by absence. `failNext` injects failures, one per read.
 */
export class MemorySourceConnector implements SourceConnector {
  readonly displayName = 'memory source';
  pageSize = 2;
  fullReadOnly = false;
  /** Its change feed carries tombstones, so cycles need no periodic full read (unless it cannot filter). */
  get changesReportDeletions(): boolean {
    return !this.fullReadOnly;
  }
  readonly reads: { mode: SourceReadMode; watermark?: string; cursor?: string }[] = [];
  private readonly failures: Error[] = [];
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  failNext(error: Error): void {
    this.failures.push(error);
  }

  put(objectType: string, key: string, data: JsonObject): void {
    const at = ++this.clock;
    this.entries.set(`${objectType}|${key}`, { object: { objectType, key, data: structuredClone(data), version: versionAt(at) }, at });
  }

  remove(objectType: string, key: string): void {
    this.entries.set(`${objectType}|${key}`, { deletion: { objectType, key }, at: ++this.clock });
  }

  async readPage(request: { mode: SourceReadMode; watermark?: string; cursor?: string }): Promise<SourcePage> {
    this.reads.push({ ...request });
    const failure = this.failures.shift();
    if (failure) throw failure;
    // The cursor pins the read's start, so that pages of one read agree on what "changed" and the watermark means.
    const position = request.cursor === undefined ? { offset: 0, asOf: this.clock } : (JSON.parse(request.cursor) as { offset: number; asOf: number });
    const full = request.mode === 'full' || this.fullReadOnly || request.watermark === undefined;
    const since = full ? -1 : Number(request.watermark);
    const visible = [...this.entries.values()]
      .filter((entry) => (full ? entry.object !== undefined : entry.at > since))
      .sort((a, b) => order(a) - order(b) || keyOf(a).localeCompare(keyOf(b)));
    const slice = visible.slice(position.offset, position.offset + this.pageSize);
    const page: SourcePage = {
      objects: slice.flatMap((entry) => (entry.object ? [structuredClone(entry.object)] : [])),
      deletions: slice.flatMap((entry) => (entry.deletion ? [entry.deletion] : [])),
      fullRead: full,
    };
    const next = position.offset + slice.length;
    if (next < visible.length) page.nextCursor = JSON.stringify({ offset: next, asOf: position.asOf });
    else page.watermark = String(position.asOf);
    return page;
  }

  async readObject(objectType: string, key: string): Promise<SourceObject | undefined> {
    const object = this.entries.get(`${objectType}|${key}`)?.object;
    return object ? structuredClone(object) : undefined;
  }
}

function versionAt(at: number): string {
  return new Date(Date.UTC(2026, 0, 1) + at * 1000).toISOString();
}

function order(entry: Entry): number {
  return TYPE_ORDER.indexOf((entry.object ?? entry.deletion)?.objectType ?? '');
}

function keyOf(entry: Entry): string {
  return (entry.object ?? entry.deletion)?.key ?? '';
}
