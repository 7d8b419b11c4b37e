import { z } from 'zod';

/**
 * A work item names what to reconcile, never what changed (DESIGN principle 1): the handler reads the
 * newest staged state, so duplicate, late and re-ordered messages are harmless. One message may name up to
 * 100 objects of one job, so that a bulk upload of 50 costs one queue send, not 50.
 */
export const reconcileMessageSchema = z.object({
  kind: z.literal('reconcile'),
  jobId: z.string().min(1),
  objectType: z.string().min(1),
  sourceKeys: z.array(z.string().min(1)).min(1).max(100),
  /** Shared by every object of one upload or cycle; becomes the logs' cycleId. */
  cycleId: z.string().min(1),
  /** 1 on first delivery; bumped when the handler re-enqueues an object after a retryable failure. */
  attempt: z.number().int().min(1).default(1),
  /**
   * An initial cycle's snapshot of the target (src/engine/targetIndex): objects without a link are matched
   * against it instead of with a filtered GET per object. A create that then conflicts falls back to the GET.
   */
  targetIndex: z.string().min(1).optional(),
  /** Set on escrow retries (src/safety): when the object first failed, how often, and the job's escrow epoch then. */
  escrow: z.object({ firstFailedAt: z.string().min(1), failures: z.number().int().min(1), epoch: z.number().int().min(0) }).optional(),
  /** Set when an operator approved held deletes (restart with ForceDeletes): the accidental-deletion threshold does not apply. */
  forceDelete: z.boolean().optional(),
  /**
   * Not to be reconciled before this time (ISO 8601). Set on escrow retries: a queue that caps delays (Storage
   * Queues: 7 days) may deliver early, and the handler then schedules the message again for the rest.
   */
  notBefore: z.string().min(1).optional(),
});

export type ReconcileMessage = z.infer<typeof reconcileMessageSchema>;
