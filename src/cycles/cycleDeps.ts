import type { TargetConnector } from '../connectors/targetConnector';
import type { JobDefinition } from '../domain/jobDefinition';
import type { WorkQueue } from '../queue/workQueue';
import type { InProcessReconciler } from './inProcessReconciler';
import type { SourceConnector } from '../sources/sourceConnector';
import type { CycleCounterStore } from '../state/cycleCounterStore';
import type { JobStateStore } from '../state/jobStateStore';
import type { JobStore } from '../state/jobStore';
import type { StagingStore } from '../state/stagingStore';
import type { TargetIndexStore } from '../state/targetIndexStore';

/** The part of Services that cycles and the scheduler use. */
export interface CycleDeps {
  jobs: Pick<JobStore, 'get' | 'list'>;
  jobStates: JobStateStore;
  staging: StagingStore;
  queue: WorkQueue;
  targetIndexes: TargetIndexStore;
  /** Read by the scheduler to judge the last cycle (quarantine) before it starts the next. */
  cycleCounters: Pick<CycleCounterStore, 'sum'>;
  connectorFor(job: JobDefinition): TargetConnector;
  sourceFor(job: JobDefinition): SourceConnector;
  now(): Date;
  newId(): string;
  /** How long a cycle may stay silent before the scheduler resumes it (CYCLE_LEASE_IN_MS unless a host shortens it). */
  cycleLeaseInMs: number;
  /** Given, a job's first initial cycle from a pull-only source reconciles windows of pages in process (importWindow). */
  inProcess?: InProcessReconciler;
}
