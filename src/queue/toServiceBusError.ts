import { isServiceBusError } from '@azure/service-bus';
import { IdbridgeError, PermanentError, ThrottledError, TransientError, toError } from '../domain/errors';

/** Service Bus asks clients to back off about 10 s when it reports ServiceBusy. */
const BUSY_RETRY_AFTER_IN_MS = 10_000;
/** A full queue (QuotaExceeded) drains at the consumers' pace; retrying sooner than this is futile. */
const QUOTA_RETRY_AFTER_IN_MS = 60_000;

/** Classifies a Service Bus failure by what the caller does next (the SDK has already retried). */
export function toServiceBusError(thrown: unknown, operation: string): Error {
  if (thrown instanceof IdbridgeError) return thrown;
  if (isServiceBusError(thrown)) {
    const options = { cause: thrown, code: `ServiceBus${thrown.code}` };
    switch (thrown.code) {
      case 'ServiceBusy':
        return new ThrottledError(`${operation}: Service Bus is busy`, BUSY_RETRY_AFTER_IN_MS, options);
      case 'QuotaExceeded':
        return new ThrottledError(`${operation}: the Service Bus queue is full`, QUOTA_RETRY_AFTER_IN_MS, options);
      case 'MessageSizeExceeded':
        return new PermanentError(`${operation}: a message is larger than Service Bus allows`, options);
      case 'ServiceTimeout':
      case 'ServiceCommunicationProblem':
        return new TransientError(`${operation}: Service Bus could not be reached (${thrown.code})`, options);
      default:
        if (thrown.retryable) return new TransientError(`${operation}: Service Bus failed (${thrown.code})`, options);
        return thrown;
    }
  }
  return toError(thrown);
}
