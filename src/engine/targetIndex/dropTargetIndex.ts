import type { TargetIndexStore } from '../../state/targetIndexStore';

/**
 * Ends an index's life when its cycle ends (completed or abandoned): its rows are deleted. Reconcile messages
 * that still name it afterwards (late retries) find it 'missing' and match with a GET, as outside a cycle.
 * Dropping twice is harmless.
 */
export async function dropTargetIndex(deps: { targetIndexes: TargetIndexStore }, jobId: string, indexId: string): Promise<void> {
  await deps.targetIndexes.drop(jobId, indexId);
}
