import type { IndexedTarget, TargetIndexEntry, TargetIndexKey, TargetIndexStore } from '../../../src/state/targetIndexStore';

/** TargetIndexStore in memory, with the Table adapter's contract; counts lookups for tests. */
export class MemoryTargetIndexStore implements TargetIndexStore {
  private readonly indexes = new Map<string, Map<string, IndexedTarget[]>>();
  lookups = 0;

  async add(jobId: string, indexId: string, entries: readonly TargetIndexEntry[]): Promise<void> {
    let index = this.indexes.get(`${jobId}\n${indexId}`);
    if (!index) this.indexes.set(`${jobId}\n${indexId}`, (index = new Map()));
    for (const entry of entries) {
      const key = keyOf(entry);
      const targets = (index.get(key) ?? []).filter((t) => t.id !== entry.target.id);
      index.set(key, [...targets, structuredClone(entry.target)]);
    }
  }

  async find(jobId: string, indexId: string, key: TargetIndexKey): Promise<IndexedTarget[] | 'missing'> {
    this.lookups++;
    const index = this.indexes.get(`${jobId}\n${indexId}`);
    if (!index) return 'missing';
    return structuredClone(index.get(keyOf(key)) ?? []);
  }

  async drop(jobId: string, indexId: string): Promise<void> {
    this.indexes.delete(`${jobId}\n${indexId}`);
  }

  /** Rows held by an index (for tests of what indexing wrote). */
  keys(jobId: string, indexId: string): string[] {
    return [...(this.indexes.get(`${jobId}\n${indexId}`)?.keys() ?? [])];
  }
}

function keyOf(key: TargetIndexKey): string {
  return JSON.stringify([key.targetType, key.attribute, key.value]);
}
