/**
 * A counting semaphore with a FIFO queue: at most `size` holders at once, the others served in the order they
 * asked. Used to keep a target's requests in flight at its `maxConcurrency` when more objects than that are
 * reconciled at once (SCIM bulk creates: src/connectors/scim/scimBulkCreates.ts).
 */
export class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`slots: size must be a positive integer, not ${size}`);
    this.#free = size;
  }

  /** Resolves once a slot is held; the holder must call release() exactly once. */
  acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free = Math.min(this.size, this.#free + 1);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
