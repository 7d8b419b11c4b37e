import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import { updateJobState } from '../jobs/updateJobState';
import type { CycleCounterStore } from '../state/cycleCounterStore';
import type { JobStateStore } from '../state/jobStateStore';
import { isConnectionFailure } from './countLogEntries';
import { enterQuarantine } from './enterQuarantine';
import { evaluateQuarantine } from './evaluateQuarantine';
import { leaveQuarantine } from './leaveQuarantine';

export interface QuarantineAfterMessageDeps {
  cycleCounters: Pick<CycleCounterStore, 'sum'>;
  jobStates: JobStateStore;
  now(): Date;
}

export interface MessageOutcome {
  job: JobDefinition;
  /** The job's state as the handler read it before reconciling. */
  state: JobState;
  accountingCycleId: string;
  logs: readonly ProvisioningLogEntry[];
  /** No object of the message is waiting for a fast retry: every one has its final entry in `logs`. */
  allFinal: boolean;
}

const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'disable']);

/**
 * The quarantine a message can decide on its own, without waiting for the cycle's end (reference/entra-engine.md
 * §8.1-8.2: EncounteredQuarantineException, invalid credentials or cannot connect):
 * - when every object of the message failed for good because the target refused the credentials or could not
 *   be reached, the cycle's counts (this message's included) are judged by evaluateQuarantine's connection
 *   rule: CONNECTION_FAILURES_TO_QUARANTINE such failures that outnumber the cycle's successes quarantine the job;
 * - a successful write to the target lifts such a quarantine ("any success ends quarantine", §7), which matters
 *   for pushed jobs (bulk uploads, the SCIM gateway) that no cycle judges.
 * Other reasons are the cycle's to decide (applyCycleOutcome); TooManyDeletes is never overridden here.
 * The common path (no quarantine, some success) costs nothing: the counts are read only on an all-failed message.
 */
export async function updateQuarantineAfterMessage(deps: QuarantineAfterMessageDeps, outcome: MessageOutcome): Promise<void> {
  const { job, state, logs } = outcome;
  const current = state.quarantine?.reason;
  if (current === 'EncounteredQuarantineException') {
    if (!logs.some((l) => l.provisioningStatusInfo.status === 'success' && WRITES.has(l.provisioningAction))) return;
    await updateJobState(deps.jobStates, job.id, (s) => (s.quarantine?.reason === 'EncounteredQuarantineException' ? leaveQuarantine(s) : s));
    return;
  }
  if (current === 'TooManyDeletes' || !outcome.allFinal || logs.length === 0 || !logs.every(isConnectionFailure)) return;
  const counts = await deps.cycleCounters.sum(job.id, outcome.accountingCycleId);
  if (evaluateQuarantine(counts, job.settings) !== 'EncounteredQuarantineException') return;
  const first = logs[0]?.provisioningStatusInfo.errorInformation;
  const error = { code: first?.errorCode ?? 'EncounteredQuarantineException', message: first?.reason ?? 'The target refused the credentials or could not be reached' };
  const now = deps.now();
  await updateJobState(deps.jobStates, job.id, (s) =>
    s.quarantine?.reason === 'EncounteredQuarantineException' || s.quarantine?.reason === 'TooManyDeletes'
      ? s
      : enterQuarantine(s, { reason: 'EncounteredQuarantineException', cycleId: outcome.accountingCycleId, error }, now, job.settings),
  );
}
