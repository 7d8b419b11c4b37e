import type { InvocationContext } from '@azure/functions';
import { handleWorkMessage } from '../handleWorkMessage';
import type { Services } from '../services';

/**
 * The work queue function: reconcile messages and cycles' page messages (handleWorkMessage). In Azure it is a
 * Service Bus trigger on the queue named by IDBRIDGE_RECONCILE_QUEUE (the runtime completes the message on success and abandons it on a throw, so
 * Service Bus dead-letters it after maxDeliveryCount); on the local host the poller calls the same handler.
 */
export const reconcileFunction = {
  name: 'reconcile',
  /** Binding expression: the runtime reads the queue name from the app setting. */
  queueName: '%IDBRIDGE_RECONCILE_QUEUE%',
  connection: 'SERVICEBUS_CONNECTION',
  create: (services: Services) => async (message: unknown, context: InvocationContext): Promise<void> => {
    const handled = await handleWorkMessage(services, message);
    if (handled.kind === 'cycle') {
      const { jobId, cycleId, page, result } = handled;
      if (result.outcome === 'unknownJob') context.warn(`Cycle message for unknown job '${jobId}' dropped`);
      else context.debug(`cycle ${cycleId} of job '${jobId}', page ${page}${result.phase ? ` (${result.phase})` : ''}: ${result.outcome}`);
      return;
    }
    const result = handled.result;
    if (result.unknownJob) context.warn(`Message for unknown job '${result.unknownJob}' dropped`);
    else context.debug(`reconciled: ${result.logged} logged, ${result.retried} scheduled for retry`);
  },
};
