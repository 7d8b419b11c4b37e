import type { HttpRequest } from '@azure/functions';
import { ValidationError } from '../../domain/errors';
import type { JsonValue } from '../../domain/identityObject';
import { clearAllLinks } from '../../jobs/clearAllLinks';
import type { JobControlDeps } from '../../jobs/jobControlDeps';
import { parseRestartCriteria } from '../../jobs/parseRestartCriteria';
import { pauseJob } from '../../jobs/pauseJob';
import { restartJob } from '../../jobs/restartJob';
import { startJob } from '../../jobs/startJob';
import { scheduleJobNow } from '../../cycles/runScheduler';
import { releaseStagedDeletes } from '../../safety/releaseStagedDeletes';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import type { Services } from '../services';

/*
 * Job control as Graph's synchronizationJob actions (reference/entra-engine.md §12.1): POST .../start,
 * .../pause and .../restart answer 204 No Content, as Graph does; 404 for an unknown job; 400 naming the
 * field for a bad restart body. The semantics are in src/jobs (startJob, pauseJob, restartJob).
 */

function controlDeps(services: Services): JobControlDeps {
  return {
    jobs: services.jobs,
    jobStates: services.jobStates,
    now: () => services.now(),
    clearLinks: async (jobId) => {
      await clearAllLinks(services.staging, jobId);
    },
    releaseStagedDeletes: async (jobId) => {
      await releaseStagedDeletes(services, jobId);
    },
  };
}

/**
 * The cycle a start or restart asks for, begun now instead of at the scheduler's next tick. Best effort: the
 * state already says the job is due, so if this fails (storage, the queue) the next tick does it.
 */
async function scheduleNow(services: Services, jobId: string): Promise<void> {
  try {
    await scheduleJobNow(services, jobId, services.now());
  } catch {
    // The scheduler's next tick takes the job's turn (nextRunAt is now).
  }
}

/** POST /api/jobs/{jobId}/start: Active, quarantine lifted, a cycle starts (or a paused one resumes) at once. */
export const jobStartFunction: HttpFunctionDefinition = {
  name: 'jobStart',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/start',
  create: (services) => async (request) => {
    const jobId = request.params.jobId ?? '';
    await startJob(controlDeps(services), jobId);
    await scheduleNow(services, jobId);
    return { status: 204 };
  },
};

/** POST /api/jobs/{jobId}/pause: no new cycles; a running cycle stops after its current page. */
export const jobPauseFunction: HttpFunctionDefinition = {
  name: 'jobPause',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/pause',
  create: (services) => async (request) => {
    await pauseJob(controlDeps(services), request.params.jobId ?? '');
    return { status: 204 };
  },
};

/** POST /api/jobs/{jobId}/restart with Graph's optional `{"criteria": {"resetScope": "..."}}`. */
export const jobRestartFunction: HttpFunctionDefinition = {
  name: 'jobRestart',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/restart',
  create: (services) => async (request) => {
    const criteria = parseRestartCriteria(await readOptionalJsonBody(request));
    const jobId = request.params.jobId ?? '';
    await restartJob(controlDeps(services), jobId, criteria);
    await scheduleNow(services, jobId);
    return { status: 204 };
  },
};

/** The body as JSON, or undefined when there is none (a restart without a body is the default restart). */
async function readOptionalJsonBody(request: HttpRequest): Promise<JsonValue | undefined> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: 'body', message: `is not valid JSON (${reason})` }], { scimType: 'invalidSyntax', cause: error });
  }
}
