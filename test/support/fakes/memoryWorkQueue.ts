import type { ReconcileMessage } from '../../../src/domain/reconcileMessage';
import type { SendOptions, WorkQueue } from '../../../src/queue/workQueue';

export class MemoryWorkQueue implements WorkQueue {
  readonly sent: { message: ReconcileMessage; options?: SendOptions }[] = [];
  /** Set to make the next send fail (then cleared). */
  failNext?: Error;

  async send(messages: readonly ReconcileMessage[], options?: SendOptions): Promise<void> {
    const failure = this.failNext;
    if (failure) {
      this.failNext = undefined;
      throw failure;
    }
    for (const message of messages) this.sent.push(options ? { message, options } : { message });
  }
}
