import type { TimerFunctionDefinition } from '../timerFunctionDefinition';

const DAY_IN_MS = 24 * 60 * 60 * 1000;

/** Daily: deletes each job's provisioning log entries older than its settings.logRetentionInDays. */
export const logRetentionFunction: TimerFunctionDefinition = {
  name: 'logRetention',
  schedule: '0 30 3 * * *',
  create: (services) => async (context) => {
    for (const job of await services.jobs.list()) {
      const before = new Date(services.now().getTime() - job.settings.logRetentionInDays * DAY_IN_MS).toISOString();
      const deleted = await services.logs.deleteOlderThan(job.id, before);
      if (deleted > 0) context.info(`job '${job.id}': deleted ${deleted} provisioning log entries older than ${before}`);
    }
  },
};
