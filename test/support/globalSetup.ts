import { startAzurite } from '../../src/local/azurite';

/**
 * One in-memory Azurite for the whole test run. Suites isolate themselves by table and queue names
 * (see uniqueName in test/support/names.ts). The connection string reaches the workers through the env.
 */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env.IDBRIDGE_TEST_STORAGE_CONNECTION = azurite.connectionString;
  (globalThis as { __AZURITE__?: { stop(): Promise<void> } }).__AZURITE__ = azurite;
}
