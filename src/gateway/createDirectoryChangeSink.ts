import type { JsonObject } from '../domain/identityObject';
import type { JobDefinition } from '../domain/jobDefinition';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { isBuiltInDirectorySource } from '../domain/isBuiltInDirectorySource';
import { findObjectMapping } from '../engine/compiledMapping';
import type { DirectoryChange, DirectoryChangeSink } from '../scim/directoryChangeSink';
import type { DirectoryChangeSinkDeps } from './directoryChangeSinkDeps';
import { memberIdsOf } from './memberIdsOf';
import { reconcileMessagesFor } from './reconcileMessagesFor';

/** stage() takes at most this many records a call (TableStagingStore). */
const STAGE_CHUNK = 100;
const OBJECT_TYPES = ['User', 'Group'] as const;

/**
 * The gateway (issue 4): every successful write into the built-in directory becomes work for each job whose
 * source is that directory, through the same pipeline as bulk uploads (DESIGN principle 1): stage the resource
 * as the directory now holds it (sourceKey = its directory id; objectType `User` or `Group`), or mark it
 * deleted, then enqueue one reconcile message per job and object type naming the keys (one new cycleId per
 * call). Object types a job does not map are not staged.
 *
 * Jobs are listed once per call through `deps.jobs`, which the app gives a short-lived cache (withCachedJobList:
 * at most 1 s old, dropped by a save in this process): the query was one of three Table calls per SCIM create.
 * A write in the first second after another instance saved a job can miss that job; the job's own cycles, which
 * read the directory, bring it over (see withCachedJobList).
 *
 * Order and guarantees. The directory write happens first, then this. Everything here is idempotent (upserts of
 * the newest state, keyed messages), so repeating a call is harmless. Within a call: the group membership
 * index, then staging for every job, then every enqueue, so a failure before the enqueue leaves no reconcile
 * running on a half-recorded change. If this throws, the SCIM handler answers 5xx and undoes its directory
 * write (src/scim/service/recordDirectoryChange.ts), so that Entra's retry, which matches before it writes, writes
 * again and this runs again: that is what makes the retry converge. Not guaranteed: a failure part-way through
 * the enqueues may already have started reconciles of jobs enqueued first, with a state the undo then reverts
 * until the retry restages it (the target briefly sees the change twice: applied, then applied again); and if
 * the undo itself fails, the change reaches the targets only with the object's next write (or a full cycle,
 * issue 5).
 */
export function createDirectoryChangeSink(deps: DirectoryChangeSinkDeps): DirectoryChangeSink {
  return {
    async recordChanges(changes: readonly DirectoryChange[]): Promise<void> {
      const latest = new Map<string, DirectoryChange>();
      for (const change of changes) {
        latest.delete(`${change.resourceType}|${change.id}`); // later wins, in request order
        latest.set(`${change.resourceType}|${change.id}`, change);
      }
      if (latest.size === 0) return;
      const jobs = (await deps.jobs.list()).filter((job) => isBuiltInDirectorySource(job.source));
      if (jobs.length === 0) return;

      // Before any group is enqueued, so that a member provisioned meanwhile finds the group (see reconcileGroupsOfLinkedMembers).
      if (jobs.some((job) => findObjectMapping(job, 'Group'))) {
        for (const change of latest.values()) {
          if (change.resourceType === 'Group' && change.resource) await deps.groupMemberships.recordMembers(change.id, memberIdsOf(change.resource));
        }
      }
      const cycleId = deps.newId();
      const at = deps.now().toISOString();
      const messages: ReconcileMessage[] = [];
      for (const job of jobs) messages.push(...(await stageForJob(deps, job, [...latest.values()], at, cycleId)));
      if (messages.length > 0) await deps.queue.send(messages);
    },
  };
}

async function stageForJob(deps: DirectoryChangeSinkDeps, job: JobDefinition, changes: readonly DirectoryChange[], at: string, cycleId: string): Promise<ReconcileMessage[]> {
  const messages: ReconcileMessage[] = [];
  for (const objectType of OBJECT_TYPES) {
    if (!findObjectMapping(job, objectType)) continue;
    const ofType = changes.filter((c) => c.resourceType === objectType);
    // The directory's lastModified orders states: concurrent writes whose sinks run out of order cannot stage
    // an older state over a newer one.
    const records = ofType.flatMap((c) => (c.resource ? [{ sourceKey: c.id, data: c.resource, sourceVersion: lastModifiedOf(c.resource) ?? at }] : []));
    for (let i = 0; i < records.length; i += STAGE_CHUNK) await deps.staging.stage(job.id, objectType, records.slice(i, i + STAGE_CHUNK), at);
    for (const change of ofType) if (!change.resource) await deps.staging.markDeleted(job.id, objectType, change.id, at);
    messages.push(...reconcileMessagesFor(job.id, objectType, ofType.map((c) => c.id), cycleId));
  }
  return messages;
}

function lastModifiedOf(resource: JsonObject): string | undefined {
  const meta = resource.meta;
  const value = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta.lastModified : undefined;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}
