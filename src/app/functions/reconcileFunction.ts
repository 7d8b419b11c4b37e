import type { InvocationContext } from '@azure/functions';
import { handleReconcileMessage } from '../handleReconcileMessage';
import type { Services } from '../services';

/**
 * The reconcile queue function. In Azure it is a Service Bus trigger on the queue named by
 * IDBRIDGE_RECONCILE_QUEUE (the runtime completes the message on success and abandons it on a throw, so
 * Service Bus dead-letters it after maxDeliveryCount); on the local host the poller calls the same handler.
 */
export const reconcileFunction = {
  name: 'reconcile',
  /** Binding expression: the runtime reads the queue name from the app setting. */
  queueName: '%IDBRIDGE_RECONCILE_QUEUE%',
  connection: 'SERVICEBUS_CONNECTION',
  create: (services: Services) => async (message: unknown, context: InvocationContext): Promise<void> => {
    const result = await handleReconcileMessage(services, message);
    if (result.unknownJob) context.warn(`Message for unknown job '${result.unknownJob}' dropped`);
    else context.debug(`reconciled: ${result.logged} logged, ${result.retried} scheduled for retry`);
  },
};
