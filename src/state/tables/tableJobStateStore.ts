import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { PermanentError } from '../../domain/errors';
import type { JobState } from '../../domain/jobState';
import { initialJobState } from '../../domain/jobState';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { JobStateStore, VersionedJobState } from '../jobStateStore';
import { encodeTableKey } from './tableKey';
import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';

/** One partition for every job's state, as for the definitions (TableJobStore): jobs are few. */
const STATE_PARTITION = 'jobState';

/*
 * The schemas check the fields idbridge reads and keep any others (loose objects): a field that a newer
 * version adds to JobState must survive a read and write by this one.
 */
const errorInfo = z.looseObject({ code: z.string(), message: z.string() });

const cycleProgress = z.looseObject({
  cycleId: z.string(),
  kind: z.enum(['initial', 'incremental']),
  began: z.string(),
  cursor: z.string().optional(),
  pagesDone: z.number().int(),
  objectsRead: z.number().int(),
  objectsQueued: z.number().int(),
  objectsDeleted: z.number().int(),
  phase: z.enum(['targetIndex', 'import', 'sweep']),
  targetIndexId: z.string().optional(),
  nextWatermark: z.string().optional(),
  forceDeletes: z.boolean().optional(),
  resumes: z.number().int().optional(),
  inProcessWindow: z.looseObject({ fromPage: z.number().int(), pages: z.number().int(), until: z.string() }).optional(),
});

const cycleExecution = z.looseObject({
  activityIdentifier: z.string(),
  kind: z.enum(['initial', 'incremental']),
  state: z.enum(['Succeeded', 'Failed']),
  timeBegan: z.string(),
  timeEnded: z.string(),
  countImported: z.number().int(),
  countQueued: z.number().int(),
  countDeleted: z.number().int(),
  error: errorInfo.optional(),
});

const quarantineState = z.looseObject({
  reason: z.enum(['EncounteredQuarantineException', 'EncounteredEscrowProportionThreshold', 'EncounteredTotalEscrowThreshold', 'EncounteredBaseEscrowThreshold', 'TooManyDeletes']),
  currentBegan: z.string(),
  nextAttempt: z.string(),
  seriesBegan: z.string(),
  seriesCount: z.number().int(),
  error: errorInfo.optional(),
  cycleId: z.string().optional(),
});

const jobStateSchema: z.ZodType<JobState> = z.looseObject({
  jobId: z.string(),
  code: z.enum(['NotRun', 'Active', 'Paused', 'Quarantine', 'Disabled']),
  watermark: z.string().optional(),
  nextRunAt: z.string().optional(),
  cycle: cycleProgress.optional(),
  cycleLeaseUntil: z.string().optional(),
  lastExecution: cycleExecution.optional(),
  lastSuccessfulExecution: cycleExecution.optional(),
  countSuccessiveCompleteFailures: z.number().int(),
  quarantine: quarantineState.optional(),
  forceDeletes: z.boolean().optional(),
  escrowEpoch: z.number().int(),
});

/**
 * The row: the whole state as JSON in `state`, which is what is read back, plus copies of the status code, the
 * next run and the running cycle's id as plain columns, so that Storage Explorer shows them at a glance.
 */
interface JobStateRow {
  partitionKey: string;
  rowKey: string;
  state: string;
  code: string;
  nextRunAt?: string;
  cycleId?: string;
}

/**
 * Each job's runtime state, one row per job (PK `jobState`, RK the job id). Writes are conditional on the
 * ETag the caller read (JobStateStore): create-if-absent for '' and Replace-if-match otherwise, so two
 * schedulers, a cycle page and an operator's pause can never overwrite one another unseen.
 */
export class TableJobStateStore implements JobStateStore {
  constructor(private readonly table: TableClient) {}

  async get(jobId: string): Promise<VersionedJobState> {
    let row: JobStateRow & { etag: string };
    try {
      row = await this.table.getEntity<JobStateRow>(STATE_PARTITION, encodeTableKey(jobId));
    } catch (error) {
      if (statusCodeOf(error) === 404) return { state: initialJobState(jobId), etag: '' };
      throw toStorageError(error, `read the state of job ${jobId}`);
    }
    return { state: parseState(row.state, jobId), etag: row.etag };
  }

  async put(state: JobState, etag: string): Promise<VersionedJobState | 'conflict'> {
    const json = JSON.stringify(state);
    // A source's watermark or cursor is opaque and could be long; the service would refuse the row.
    if (json.length > MAX_TABLE_STRING_CHARS) {
      throw new PermanentError(`the state of job ${state.jobId} cannot be stored: it is ${json.length} characters as JSON, at most ${MAX_TABLE_STRING_CHARS} fit`, { code: 'JobStateTooLarge' });
    }
    const entity: JobStateRow = {
      partitionKey: STATE_PARTITION,
      rowKey: encodeTableKey(state.jobId),
      state: json,
      code: state.code,
      ...(state.nextRunAt ? { nextRunAt: state.nextRunAt } : {}),
      ...(state.cycle ? { cycleId: state.cycle.cycleId } : {}),
    };
    try {
      const response = etag === '' ? await this.table.createEntity(entity) : await this.table.updateEntity(entity, 'Replace', { etag });
      return { state: structuredClone(state), etag: response.etag ?? '' };
    } catch (error) {
      const status = statusCodeOf(error);
      // 409: created by someone else first. 412: written since it was read. 404: deleted since it was read.
      if (status === 409 || status === 412 || (status === 404 && etag !== '')) return 'conflict';
      throw toStorageError(error, `write the state of job ${state.jobId}`);
    }
  }

  async delete(jobId: string): Promise<void> {
    try {
      await this.table.deleteEntity(STATE_PARTITION, encodeTableKey(jobId));
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw toStorageError(error, `delete the state of job ${jobId}`);
    }
  }
}

function parseState(text: string, jobId: string): JobState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(jobId, 'it is not JSON');
  }
  const parsed = jobStateSchema.safeParse(value);
  if (!parsed.success) throw invalid(jobId, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function invalid(jobId: string, detail: string): PermanentError {
  return new PermanentError(`the stored state of job ${jobId} is not valid: ${detail}`, { code: 'StoredJobStateInvalid' });
}
