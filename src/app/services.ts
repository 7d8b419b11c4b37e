import type { AppSettings } from '../config/appSettings';
import type { TargetConnector } from '../connectors/targetConnector';
import type { JobDefinition } from '../domain/jobDefinition';
import type { WorkQueue } from '../queue/workQueue';
import type { GroupMembershipIndex } from '../gateway/groupMembershipIndex';
import type { DirectoryChangeSink } from '../scim/directoryChangeSink';
import type { ScimResourceStore } from '../scim/store/scimResourceStore';
import type { SourceConnector } from '../sources/sourceConnector';
import type { JobStateStore } from '../state/jobStateStore';
import type { CycleCounterStore } from '../state/cycleCounterStore';
import type { StagedDeleteStore } from '../state/stagedDeleteStore';
import type { JobStore } from '../state/jobStore';
import type { ProvisioningLogStore } from '../state/provisioningLogStore';
import type { StagingStore } from '../state/stagingStore';
import type { TargetIndexStore } from '../state/targetIndexStore';
import type { ReferenceWaitIndex } from '../state/referenceWaitIndex';

/**
 * Everything a handler needs, built once per process (Functions worker or local host) by createServices.
 * Tests build it from fakes or from Azurite-backed adapters.
 */
export interface Services {
  settings: AppSettings;
  jobs: JobStore;
  staging: StagingStore;
  /** Initial cycles' snapshots of their targets, matched against instead of a GET per object (src/engine/targetIndex). */
  targetIndexes: TargetIndexStore;
  /** Each job's runtime state: status code, the running cycle (its lease), watermark, quarantine. */
  jobStates: JobStateStore;
  /** Per-cycle counts of reconciles and reserved deletions (quarantine, the accidental-deletion threshold). */
  cycleCounters: CycleCounterStore;
  /** Deletes and disables held back by the accidental-deletion threshold, until an operator approves them. */
  stagedDeletes: StagedDeleteStore;
  logs: ProvisioningLogStore;
  queue: WorkQueue;
  /** The built-in directory: the Users and Groups the SCIM service (/scim/v2) serves. */
  directory: ScimResourceStore;
  /** Where the SCIM service reports its successful writes: the gateway into jobs reading the built-in directory. */
  directoryChanges: DirectoryChangeSink;
  /** Which directory groups each object is a member of (kept by the gateway, read after a member is linked). */
  groupMemberships: GroupMembershipIndex;
  /** Which objects wait for their manager to be linked (recorded by the reconcile, read after a link). */
  referenceWaits: ReferenceWaitIndex;
  /** The target connector for a job (reads the job's token setting). */
  connectorFor(job: JobDefinition): TargetConnector;
  /** The source a job's cycles read (src/sources): an external SCIM app or the built-in directory. */
  sourceFor(job: JobDefinition): SourceConnector;
  now(): Date;
  newId(): string;
  /**
   * How long a cycle may stay silent before the scheduler resumes it (src/cycles/cycleLease.ts). Ten minutes in
   * Azure; the local host lets tests that kill it shorten the wait (LocalHostOptions.cycleLeaseInMs).
   */
  cycleLeaseInMs: number;
}
