import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { PermanentError, ValidationError } from '../../domain/errors';
import { jobDefinitionSchema, type JobDefinition } from '../../domain/jobDefinition';
import type { JobStore } from '../jobStore';
import { toStorageError, statusCodeOf } from '../../azure/toStorageError';
import { decodeTableKey, encodeTableKey } from './tableKey';
import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';

/** Every job lives in one partition: jobs are few, and listing them is then one partition query. */
const JOB_PARTITION = 'job';

interface JobEntity {
  partitionKey: string;
  rowKey: string;
  definition: string;
}

/** Job definitions as JSON in one string property (PK `job`, RK the job id). */
export class TableJobStore implements JobStore {
  constructor(private readonly table: TableClient) {}

  async upsert(job: JobDefinition): Promise<boolean> {
    const definition = JSON.stringify(job);
    if (definition.length > MAX_TABLE_STRING_CHARS) {
      throw new ValidationError([
        { path: '', message: `the job definition is ${definition.length} characters as JSON; at most ${MAX_TABLE_STRING_CHARS} can be stored` },
      ]);
    }
    const entity: JobEntity = { partitionKey: JOB_PARTITION, rowKey: encodeTableKey(job.id), definition };
    try {
      // Create first so that the answer "did it exist?" comes from the service, not from a racy read.
      await this.table.createEntity(entity);
      return true;
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw toStorageError(error, `store job ${job.id}`);
    }
    try {
      await this.table.upsertEntity(entity, 'Replace');
      return false;
    } catch (error) {
      throw toStorageError(error, `store job ${job.id}`);
    }
  }

  async get(jobId: string): Promise<JobDefinition | undefined> {
    try {
      const entity = await this.table.getEntity<JobEntity>(JOB_PARTITION, encodeTableKey(jobId));
      return parseJob(entity.definition, jobId);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw toStorageError(error, `read job ${jobId}`);
    }
  }

  async list(): Promise<JobDefinition[]> {
    const jobs: JobDefinition[] = [];
    try {
      const rows = this.table.listEntities<JobEntity>({ queryOptions: { filter: odata`PartitionKey eq ${JOB_PARTITION}` } });
      for await (const row of rows) jobs.push(parseJob(row.definition, decodeTableKey(row.rowKey)));
    } catch (error) {
      throw toStorageError(error, 'list jobs');
    }
    return jobs;
  }
}

/** Parsed again on read so that defaults added to the schema later apply to jobs stored earlier. */
function parseJob(definition: string, jobId: string): JobDefinition {
  const result = jobDefinitionSchema.safeParse(JSON.parse(definition));
  if (!result.success) {
    throw new PermanentError(`stored job ${jobId} no longer matches the job schema: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
      code: 'StoredJobInvalid',
    });
  }
  return result.data;
}
