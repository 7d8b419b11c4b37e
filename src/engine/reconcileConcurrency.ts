import type { ScimTargetDefinition } from '../domain/jobDefinition';

/** Objects one worker reconciles at once when creates are batched: enough to fill every slot's batch, no more. */
const MAX_OBJECTS_IN_FLIGHT = 1000;

/**
 * How many of a message's objects are reconciled at once. Without `bulk` it is the target's maxConcurrency: one
 * object, one request. With `bulk`, the connector keeps the requests at maxConcurrency itself (its slots), and
 * creates wait in its queue to go out together, so more objects are reconciled at once than requests are sent:
 * enough to fill a batch per slot.
 */
export function reconcileConcurrency(target: Pick<ScimTargetDefinition, 'maxConcurrency' | 'bulk'>): number {
  return target.bulk ? Math.min(MAX_OBJECTS_IN_FLIGHT, target.maxConcurrency * target.bulk.maxOperations) : target.maxConcurrency;
}
