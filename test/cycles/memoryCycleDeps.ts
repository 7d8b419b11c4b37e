import type { CycleDeps } from '../../src/cycles/cycleDeps';
import { CYCLE_LEASE_IN_MS } from '../../src/cycles/cycleLease';
import type { JobDefinition } from '../../src/domain/jobDefinition';
import { initialJobState, type JobState } from '../../src/domain/jobState';
import type { WorkMessage } from '../../src/domain/workMessage';
import type { SendOptions, WorkQueue } from '../../src/queue/workQueue';
import type { CycleCounts } from '../../src/state/cycleCounterStore';
import { MemoryJobStateStore } from '../support/fakes/memoryJobStateStore';
import { MemoryJobStore } from '../support/fakes/memoryJobStore';
import { MemorySourceConnector } from '../support/fakes/memorySourceConnector';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { MemoryTargetIndexStore } from '../support/fakes/memoryTargetIndexStore';

/** Keeps every work message sent, cycle pages included, with its options. */
export class RecordingQueue implements WorkQueue {
  readonly sent: { message: WorkMessage; options?: SendOptions }[] = [];

  async send(messages: readonly WorkMessage[], options?: SendOptions): Promise<void> {
    for (const message of messages) this.sent.push(options ? { message, options } : { message });
  }

  /** Takes the cycle page messages sent so far. */
  takeCycleMessages(): WorkMessage[] {
    const taken = this.sent.filter((s) => s.message.kind === 'cycle').map((s) => s.message);
    this.sent.splice(0, this.sent.length, ...this.sent.filter((s) => s.message.kind !== 'cycle'));
    return taken;
  }
}

export interface MemoryCycleWorld {
  deps: CycleDeps;
  jobStates: MemoryJobStateStore;
  staging: MemoryStagingStore;
  queue: RecordingQueue;
  source: MemorySourceConnector;
  target: MemoryTargetConnector;
  targetIndexes: MemoryTargetIndexStore;
  /** What cycleCounters.sum answers, per cycle. */
  counts: Map<string, CycleCounts>;
  advance(ms: number): void;
  now(): Date;
  /** Writes the job's state over whatever is stored. */
  setState(change: (state: JobState) => JobState): Promise<void>;
}

/** Cycle dependencies on in-memory fakes, the job saved and Active, the clock the test's. */
export async function memoryCycleWorld(job: JobDefinition): Promise<MemoryCycleWorld> {
  const jobs = new MemoryJobStore();
  await jobs.upsert(job);
  const jobStates = new MemoryJobStateStore();
  await jobStates.put({ ...initialJobState(job.id), code: 'Active' }, '');
  const staging = new MemoryStagingStore();
  const queue = new RecordingQueue();
  const source = new MemorySourceConnector();
  const target = new MemoryTargetConnector();
  const targetIndexes = new MemoryTargetIndexStore();
  const counts = new Map<string, CycleCounts>();
  let clock = new Date('2026-11-21T10:00:00.000Z');
  let ids = 0;
  const deps: CycleDeps = {
    jobs,
    jobStates,
    staging,
    queue,
    targetIndexes,
    cycleCounters: { sum: async (_jobId, cycleId) => counts.get(cycleId) ?? {} },
    connectorFor: () => target,
    sourceFor: () => source,
    now: () => clock,
    newId: () => `c${++ids}`,
    cycleLeaseInMs: CYCLE_LEASE_IN_MS,
  };
  return {
    deps,
    jobStates,
    staging,
    queue,
    source,
    target,
    targetIndexes,
    counts,
    advance: (ms) => {
      clock = new Date(clock.getTime() + ms);
    },
    now: () => clock,
    setState: async (change) => {
      const current = await jobStates.get(job.id);
      if ((await jobStates.put(change(current.state), current.etag)) === 'conflict') throw new Error('conflict');
    },
  };
}
