import { TransientError } from '../domain/errors';
import type { CycleMessage } from '../domain/cycleMessage';
import type { CycleProgress, JobState } from '../domain/jobState';
import type { VersionedJobState } from '../state/jobStateStore';
import type { CycleDeps } from './cycleDeps';
import type { CycleStep } from './cycleStep';

/** Rounds of re-read and re-apply after conflicting writes, before the message is redelivered instead. */
const MAX_ROUNDS = 8;

/** Whether the message is for the page the job's running cycle expects next (else it is a duplicate or stale). */
export function isExpectedPage(cycle: CycleProgress | undefined, message: Pick<CycleMessage, 'cycleId' | 'page'>): boolean {
  return cycle !== undefined && cycle.cycleId === message.cycleId && cycle.pagesDone === message.page;
}

/**
 * Records a page's step in the job state, conditionally on the ETag read, THEN sends the message for the
 * cycle's next page (or the same page, deferred; none when the cycle ended or was parked). The order is the crash-safety argument: a crash before the
 * write repeats the page (staging is idempotent); a crash after the write and before the send leaves the cycle
 * silent until its lease passes, when the scheduler sends that message (src/cycles/runScheduler.ts).
 *
 * A conflict means someone else wrote the state: if the cycle still expects this page (an operator paused the
 * job, the scheduler resumed a slow page), the step is applied to the newer state; otherwise another delivery
 * of this message got there first, or the cycle was ended (a restart), and this one is dropped. Returns the
 * state written, or undefined when dropped.
 */
export async function commitCycleStep(deps: Pick<CycleDeps, 'jobStates' | 'queue'>, read: VersionedJobState, message: CycleMessage, step: CycleStep): Promise<JobState | undefined> {
  const written = await commitCycleState(deps, read, message, step.transition);
  if (!written) return undefined;
  const cycle = written.state.cycle;
  if (cycle?.cycleId === message.cycleId && step.outcome !== 'parked') {
    await deps.queue.send([{ kind: 'cycle', jobId: message.jobId, cycleId: cycle.cycleId, page: cycle.pagesDone }], step.delayInMs !== undefined ? { delayInMs: step.delayInMs } : undefined);
  }
  return written.state;
}

/**
 * commitCycleStep's write, without the send: applies `transition` to the newest state while the cycle still
 * expects `message`'s page, conditionally on the ETag. Returns what was written (and its ETag, for a caller that
 * commits several pages in one delivery: importWindow), or undefined when the page is no longer expected.
 */
export async function commitCycleState(deps: Pick<CycleDeps, 'jobStates'>, read: VersionedJobState, message: Pick<CycleMessage, 'jobId' | 'cycleId' | 'page'>, transition: CycleStep['transition']): Promise<VersionedJobState | undefined> {
  let current = read;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!isExpectedPage(current.state.cycle, message)) return undefined;
    const next = transition(structuredClone(current.state));
    const written = await deps.jobStates.put(next, current.etag);
    if (written !== 'conflict') return written;
    current = await deps.jobStates.get(message.jobId);
  }
  throw new TransientError(`the state of job '${message.jobId}' kept changing while cycle ${message.cycleId} recorded page ${message.page}`, { code: 'JobStateContention' });
}
