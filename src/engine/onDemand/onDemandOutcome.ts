import type { ProvisioningLogEntry } from '../../domain/provisioningLogEntry';
import type { OnDemandSubject } from './provisionOnDemandRequest';

/**
 * What became of one object of an on-demand request: reconciled (its log entry), or handed to the queue
 * because the target asked to be called again later (429, 503, a timeout, another reconcile creating it).
 * A queued object ends in a log entry too, written by the queue worker when the retry has run.
 * `linkedTargetId` is set when the reconcile linked the object for the first time (ReconcileOutcome).
 */
export type OnDemandOutcome =
  | { kind: 'done'; subject: OnDemandSubject; log: ProvisioningLogEntry; linkedTargetId?: string }
  | { kind: 'queued'; subject: OnDemandSubject; reason: string; delayInMs: number; at: string };
