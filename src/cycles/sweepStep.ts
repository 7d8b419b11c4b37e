import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import { advanceCycle, withPageCounts } from './advanceCycle';
import type { CycleDeps } from './cycleDeps';
import { leaseUntil } from './cycleLease';
import type { CycleStep } from './cycleStep';
import { finishCycle } from './finishCycle';
import { sweepPage } from './sweepPage';

/** The sweep phase as a cycle step: one page of sweepPage, and the cycle's end after the last. */
export async function sweepStep(deps: Pick<CycleDeps, 'staging' | 'queue' | 'now' | 'cycleLeaseInMs'>, job: JobDefinition, cycle: CycleProgress): Promise<CycleStep> {
  const now = deps.now();
  const { counts, nextCursor } = await sweepPage(deps, job, cycle, now.toISOString());
  if (nextCursor !== undefined) return { outcome: 'advanced', transition: (s) => advanceCycle(s, counts, { phase: 'sweep', cursor: nextCursor }, leaseUntil(now, deps.cycleLeaseInMs)) };
  return { outcome: 'finished', transition: (s) => finishCycle(withPageCounts(s, counts), job, now, undefined) };
}
