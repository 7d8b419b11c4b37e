import { parseAppSettings } from '../../src/config/appSettings';
import { createWorkQueue } from '../../src/queue/createWorkQueue';

const token = 'a-token-of-sixteen-chars';

describe('createWorkQueue', () => {
  it('picks the Storage Queue adapter', async () => {
    const queue = createWorkQueue(parseAppSettings({ IDBRIDGE_TOKEN: token, IDBRIDGE_ADMIN_TOKEN: `admin-${token}`, IDBRIDGE_QUEUE_KIND: 'storageQueue', IDBRIDGE_STORAGE_CONNECTION: 'UseDevelopmentStorage=true' }));
    expect(queue.kind).toBe('storageQueue');
    await queue.close();
  });

  it('picks the Service Bus adapter (nothing connects until the first send)', async () => {
    const queue = createWorkQueue(
      parseAppSettings({ IDBRIDGE_TOKEN: token, IDBRIDGE_ADMIN_TOKEN: `admin-${token}`, IDBRIDGE_STORAGE_CONNECTION: 'UseDevelopmentStorage=true', SERVICEBUS_CONNECTION__fullyQualifiedNamespace: 'example.servicebus.windows.net' }),
    );
    expect(queue.kind).toBe('serviceBus');
    await queue.close();
  });
});
