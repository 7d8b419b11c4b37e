import { randomBytes } from 'node:crypto';

/** A table/queue name unique to this test: letters and digits only, as Azure Tables require. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 60);
}

export function testStorageConnection(): string {
  const value = process.env.IDBRIDGE_TEST_STORAGE_CONNECTION;
  if (!value) throw new Error('IDBRIDGE_TEST_STORAGE_CONNECTION is not set: run the tests through jest (globalSetup starts Azurite)');
  return value;
}
