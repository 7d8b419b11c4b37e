/** A delete or disable that reconcileObject is about to send to the target. */
export interface DeletionRequest {
  jobId: string;
  /** The message's cycleId (the log entries'). */
  cycleId: string;
  objectType: string;
  sourceKey: string;
  targetId: string;
  action: 'delete' | 'disable';
}

/**
 * Asked before every delete and disable (reference/entra-engine.md §9). 'held' means: send nothing to the
 * target and log a StagedDelete; the gate itself records the hold and quarantines the job, so an approval can
 * apply it later (createDeletionGate). Absent (tests, previews, approved deletes) = always allowed.
 */
export type DeletionGate = (request: DeletionRequest) => Promise<'allowed' | 'held'>;
