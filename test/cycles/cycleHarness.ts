import { handleWorkMessage, type WorkMessageResult } from '../../src/app/handleWorkMessage';
import type { Services } from '../../src/app/services';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { runScheduler, type SchedulerReport } from '../../src/cycles/runScheduler';
import type { JobDefinition } from '../../src/domain/jobDefinition';
import { initialJobState, type JobState } from '../../src/domain/jobState';
import type { StorageQueueWorkQueue } from '../../src/queue/storageQueueWorkQueue';
import type { JsonObject } from '../../src/domain/identityObject';
import { SCIM_CORE_USER } from '../../src/scim/scimSchemas';
import { createSourceConnector } from '../../src/sources/createSourceConnector';
import { createAzuriteServices } from '../support/azuriteServices';
import { MemorySourceConnector } from '../support/fakes/memorySourceConnector';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';

/** A job that pulls users from an external SCIM app into a SCIM target, matching on userName. */
export function pullJob(overrides: Partial<Record<string, unknown>> = {}, flowTypes = 'Add, Update, Delete'): JobDefinition {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return validateJobDefinition({
    id: 'pull1',
    source: { type: 'scim', baseUrl: 'https://hr.example/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' },
    target: { type: 'scim', baseUrl: 'https://app.example/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
    settings: { maxAttempts: 3 },
    objectMappings: [
      {
        name: 'users',
        sourceObjectName: 'User',
        flowTypes,
        attributeMappings: [attr('[userName]', 'userName', 1), attr('[id]', 'externalId'), attr('[displayName]', 'displayName'), attr('[active]', 'active')],
      },
    ],
    ...overrides,
  });
}

/** A user as an external SCIM app (the source) stores it. */
export function newScimUser(userName: string): JsonObject {
  return { schemas: [SCIM_CORE_USER], userName, displayName: userName, active: true };
}

/**
 * cycleHarness's `sourceFor` for a job reading an external SCIM app: the production SCIM source connector, with
 * `token` as the job's IDBRIDGE_SOURCE_TOKEN_HR.
 */
export function scimAppSource(token: string): (services: Services) => Services['sourceFor'] {
  return (services) => (job) => createSourceConnector(job, { env: { IDBRIDGE_SOURCE_TOKEN_HR: token }, directory: services.directory }) ?? services.sourceFor(job);
}

export function user(id: string, displayName = id): { id: string; userName: string; displayName: string; active: boolean } {
  return { id, userName: `${id}@example.com`, displayName, active: true };
}

export interface CycleHarness {
  services: Services;
  queue: StorageQueueWorkQueue;
  source: MemorySourceConnector;
  target: MemoryTargetConnector;
  job: JobDefinition;
  now(): Date;
  /** Moves the clock on. */
  advance(ms: number): void;
  tick(): Promise<SchedulerReport>;
  /** Handles every visible message, one at a time, until the queue is empty; returns what each did. */
  drain(): Promise<WorkMessageResult[]>;
  state(): Promise<JobState>;
  /** The target's users by userName. */
  targetUsers(): Map<string, Record<string, unknown>>;
  /** The source ids the provisioning logs show reconciled in a cycle, sorted, with the action taken. */
  logged(cycleId: string): Promise<string[]>;
}

/**
 * Real Services on Azurite (tables and queue of their own), with the fake source (unless `sourceFor` builds
 * another) and the in-memory target in place of the connectors, a clock the test moves, and the job saved and started (code Active, as after
 * POST /start).
 */
export async function cycleHarness(
  job: JobDefinition = pullJob(),
  options: { sourceFor?: (services: Services) => Services['sourceFor']; connectorFor?: Services['connectorFor']; inProcessWindows?: boolean } = {},
): Promise<CycleHarness> {
  const { services: base, queue } = await createAzuriteServices();
  const source = new MemorySourceConnector();
  const target = new MemoryTargetConnector();
  let clock = new Date('2026-11-21T10:00:00.000Z');
  const services: Services = { ...base, sourceFor: options.sourceFor?.(base) ?? (() => source), connectorFor: options.connectorFor ?? (() => target), now: () => clock };
  await services.jobs.upsert(job);
  if ((await services.jobStates.put({ ...initialJobState(job.id), code: 'Active' }, '')) === 'conflict') throw new Error('job state already exists');
  return {
    services,
    queue,
    source,
    target,
    job,
    now: () => clock,
    advance: (ms) => {
      clock = new Date(clock.getTime() + ms);
    },
    tick: () => runScheduler(services, clock),
    drain: async () => {
      const results: WorkMessageResult[] = [];
      for (;;) {
        const batch = await queue.receive(1, 60_000);
        const work = batch[0];
        if (!work) return results;
        results.push(await handleWorkMessage(services, work.message, options.inProcessWindows === undefined ? {} : { inProcessWindows: options.inProcessWindows }));
        await work.complete();
      }
    },
    state: async () => (await services.jobStates.get(job.id)).state,
    targetUsers: () => new Map([...target.objects.values()].map((data) => [String(data.userName), data])),
    logged: async (cycleId) => {
      const page = await services.logs.list(job.id, { cycleId, pageSize: 1000 });
      return page.entries.map((e) => `${e.sourceIdentity.id}:${e.provisioningAction}:${e.provisioningStatusInfo.status}`).sort();
    },
  };
}

/** The cycle page results among handled messages. */
export function cycleOutcomes(results: readonly WorkMessageResult[]): string[] {
  return results.flatMap((r) => (r.kind === 'cycle' ? [`${r.page}:${r.result.phase ?? '-'}:${r.result.outcome}`] : []));
}
