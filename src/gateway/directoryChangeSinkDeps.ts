import type { WorkQueue } from '../queue/workQueue';
import type { JobStore } from '../state/jobStore';
import type { StagingStore } from '../state/stagingStore';
import type { GroupMembershipIndex } from './groupMembershipIndex';

/** The part of Services the gateway uses. */
export interface DirectoryChangeSinkDeps {
  jobs: JobStore;
  staging: StagingStore;
  queue: WorkQueue;
  groupMemberships: GroupMembershipIndex;
  now(): Date;
  newId(): string;
}
