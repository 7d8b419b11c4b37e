import { ValidationError } from '../domain/errors';
import { reconcileMessageSchema } from '../domain/reconcileMessage';
import { reconcileMessageKeys } from './reconcileMessageKeys';
import { recordReconcileOutcomes } from './recordReconcileOutcomes';
import type { Services } from './services';

export interface ReconcileMessageResult {
  logged: number;
  retried: number;
  /** Objects whose failure put them in escrow, each with a retry scheduled. */
  escrowed: number;
  /** Set when the message names a job that no longer exists: nothing to do, the message is done. */
  unknownJob?: string;
  /**
   * Set when the message was set aside unreconciled: 'staleEscrow', an escrow retry scheduled before a restart
   * with Escrows; 'early', a delayed message a queue delivered before its time (and which was sent again).
   */
  setAside?: 'staleEscrow' | 'early';
}

/**
 * How early a message may arrive and still be handled. Queues that cap delays (Storage Queues: 7 days)
 * deliver long escrow retries early; anything within this of `notBefore` is clock skew between instances.
 */
const EARLY_DELIVERY_TOLERANCE_MS = 60_000;

/**
 * The reconcile queue handler (Service Bus trigger in Azure, the poller on the local host): reconciles the
 * message's objects (reconcileMessageKeys), then retries, escrows, logs and counts them
 * (recordReconcileOutcomes). Throws only when state could not be read or written, so the queue redelivers the
 * whole message, which is safe because reconciling is idempotent and the counts of a redelivered message
 * replace its earlier ones.
 */
export async function handleReconcileMessage(services: Services, body: unknown): Promise<ReconcileMessageResult> {
  const parsed = reconcileMessageSchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (!parsed.success) {
    // A malformed message can never succeed: fail it so it lands in the dead-letter queue for an operator.
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const message = parsed.data;
  const job = await services.jobs.get(message.jobId);
  if (!job) return { logged: 0, retried: 0, escrowed: 0, unknownJob: message.jobId };

  const now = services.now();
  const waitInMs = message.notBefore === undefined ? NaN : Date.parse(message.notBefore) - now.getTime();
  if (waitInMs > EARLY_DELIVERY_TOLERANCE_MS) {
    await services.queue.send([message], { delayInMs: waitInMs });
    return { logged: 0, retried: 0, escrowed: 0, setAside: 'early' };
  }
  const { state } = await services.jobStates.get(job.id);
  // A restart with Escrows bumped the epoch: retries scheduled before it are forgotten (reference §5.6).
  if (message.escrow && message.escrow.epoch < state.escrowEpoch) return { logged: 0, retried: 0, escrowed: 0, setAside: 'staleEscrow' };

  const reconciled = await reconcileMessageKeys(services, job, state, message);
  return recordReconcileOutcomes(services, job, state, reconciled);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
