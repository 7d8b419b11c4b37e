import type { JobDefinition } from '../../../src/domain/jobDefinition';
import type { JobStore } from '../../../src/state/jobStore';

export class MemoryJobStore implements JobStore {
  readonly jobs = new Map<string, JobDefinition>();
  listCalls = 0;

  async upsert(job: JobDefinition): Promise<boolean> {
    const created = !this.jobs.has(job.id);
    this.jobs.set(job.id, job);
    return created;
  }

  async get(jobId: string): Promise<JobDefinition | undefined> {
    return this.jobs.get(jobId);
  }

  async list(): Promise<JobDefinition[]> {
    this.listCalls++;
    return [...this.jobs.values()];
  }
}
