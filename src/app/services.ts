import type { AppSettings } from '../config/appSettings';
import type { TargetConnector } from '../connectors/targetConnector';
import type { JobDefinition } from '../domain/jobDefinition';
import type { WorkQueue } from '../queue/workQueue';
import type { GroupMembershipIndex } from '../gateway/groupMembershipIndex';
import type { DirectoryChangeSink } from '../scim/directoryChangeSink';
import type { ScimResourceStore } from '../scim/store/scimResourceStore';
import type { JobStore } from '../state/jobStore';
import type { ProvisioningLogStore } from '../state/provisioningLogStore';
import type { StagingStore } from '../state/stagingStore';

/**
 * Everything a handler needs, built once per process (Functions worker or local host) by createServices.
 * Tests build it from fakes or from Azurite-backed adapters.
 */
export interface Services {
  settings: AppSettings;
  jobs: JobStore;
  staging: StagingStore;
  logs: ProvisioningLogStore;
  queue: WorkQueue;
  /** The built-in directory: the Users and Groups the SCIM service (/scim/v2) serves. */
  directory: ScimResourceStore;
  /** Where the SCIM service reports its successful writes: the gateway into jobs reading the built-in directory. */
  directoryChanges: DirectoryChangeSink;
  /** Which directory groups each object is a member of (kept by the gateway, read after a member is linked). */
  groupMemberships: GroupMembershipIndex;
  /** The target connector for a job (reads the job's token setting). */
  connectorFor(job: JobDefinition): TargetConnector;
  now(): Date;
  newId(): string;
}
