import type { InProcessReconciler } from '../cycles/inProcessReconciler';
import { reconcileMessageKeys } from './reconcileMessageKeys';
import { recordReconcileOutcomes } from './recordReconcileOutcomes';
import type { Services } from './services';

/** The queue handler's two halves (reconcile, then record), for cycles that reconcile in process. */
export function createInProcessReconciler(services: Services): InProcessReconciler {
  return {
    async reconcile(job, state, message, staging) {
      const reconciled = await reconcileMessageKeys(services, job, state, message, staging);
      return {
        finished: reconciled.outcomes.filter((outcome) => outcome.kind === 'done').length,
        record: async () => {
          await recordReconcileOutcomes(services, job, state, reconciled);
        },
      };
    },
  };
}
