import type { AppSettings } from '../config/appSettings';
import { ServiceBusWorkQueue } from './serviceBusWorkQueue';
import { StorageQueueWorkQueue } from './storageQueueWorkQueue';

/**
 * The work-queue adapter that IDBRIDGE_QUEUE_KIND names. Narrow on `kind` to reach the receiving side,
 * which only the Storage Queue adapter has (in Azure the Functions runtime receives from Service Bus).
 */
export function createWorkQueue(settings: AppSettings): StorageQueueWorkQueue | ServiceBusWorkQueue {
  switch (settings.IDBRIDGE_QUEUE_KIND) {
    case 'storageQueue':
      return StorageQueueWorkQueue.fromSettings(settings);
    case 'serviceBus':
      return ServiceBusWorkQueue.fromSettings(settings);
  }
}
