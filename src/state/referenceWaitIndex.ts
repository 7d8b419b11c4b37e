/**
 * Which objects wait for a referenced object to be linked: a user whose manager had no target object yet was
 * written without one (UnableToResolveReferenceAttributeValue), and is reconciled again when the manager is
 * linked. Entra waits for a restart instead (reference/entra-engine.md §5.4, known issue).
 * Keyed by job, object type and the referenced object's source key; the waiting objects are of the same type.
 * Contract: `recordWait` and `clearWaits` are idempotent (safe to race and to retry); a wait left behind costs
 * one redundant reconcile of the waiting object, never a wrong reference, because that reconcile resolves
 * the reference afresh from the newest staged state.
 */
export interface ReferenceWaitIndex {
  recordWait(jobId: string, objectType: string, referencedKey: string, waitingKey: string): Promise<void>;
  /** The keys waiting for `referencedKey`, in no particular order. */
  waitersFor(jobId: string, objectType: string, referencedKey: string): Promise<string[]>;
  /** Forgets these waits (once their objects were enqueued); waits not recorded are ignored. */
  clearWaits(jobId: string, objectType: string, referencedKey: string, waitingKeys: readonly string[]): Promise<void>;
}
