import { runScheduler } from '../../cycles/runScheduler';
import type { TimerFunctionDefinition } from '../timerFunctionDefinition';

/**
 * Every minute: starts the cycles that are due (each job's schedule.interval, Entra's 40 minutes by default),
 * resumes silent ones and disables jobs quarantined too long (src/cycles/runScheduler.ts). A minute is the
 * granularity of a cycle's start, which is fine for intervals of tens of minutes; each tick is a read per job.
 */
export const schedulerFunction: TimerFunctionDefinition = {
  name: 'scheduler',
  schedule: '0 * * * * *',
  create: (services) => async (context) => {
    const report = await runScheduler(services, services.now());
    for (const [what, jobIds] of [['started a cycle of', report.started], ['resumed the cycle of', report.resumed], ['gave up the stalled cycle of', report.abandoned], ['quarantined', report.quarantined], ['disabled (quarantined too long)', report.disabled]] as const) {
      for (const jobId of jobIds) context.info(`scheduler: ${what} job '${jobId}'`);
    }
    for (const { jobId, error } of report.failed) context.error(`scheduler: job '${jobId}' failed, next tick retries: ${error.message}`);
  },
};
