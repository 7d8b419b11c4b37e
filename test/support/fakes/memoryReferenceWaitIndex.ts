import type { ReferenceWaitIndex } from '../../../src/state/referenceWaitIndex';

export class MemoryReferenceWaitIndex implements ReferenceWaitIndex {
  readonly waits = new Map<string, Set<string>>();

  private key(jobId: string, objectType: string, referencedKey: string): string {
    return JSON.stringify([jobId, objectType, referencedKey]);
  }

  async recordWait(jobId: string, objectType: string, referencedKey: string, waitingKey: string): Promise<void> {
    const key = this.key(jobId, objectType, referencedKey);
    const waiting = this.waits.get(key) ?? new Set<string>();
    waiting.add(waitingKey);
    this.waits.set(key, waiting);
  }

  async waitersFor(jobId: string, objectType: string, referencedKey: string): Promise<string[]> {
    return [...(this.waits.get(this.key(jobId, objectType, referencedKey)) ?? [])];
  }

  async clearWaits(jobId: string, objectType: string, referencedKey: string, waitingKeys: readonly string[]): Promise<void> {
    const key = this.key(jobId, objectType, referencedKey);
    const waiting = this.waits.get(key);
    if (!waiting) return;
    for (const waitingKey of waitingKeys) waiting.delete(waitingKey);
    if (waiting.size === 0) this.waits.delete(key);
  }
}
