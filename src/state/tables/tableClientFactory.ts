import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { AppSettings } from '../../config/appSettings';
import { createAzureCredential } from '../../azure/azureCredential';
import { ensureOnce } from '../../azure/ensureOnce';
import { toStorageError } from '../../azure/toStorageError';
import { tableClientFromConnectionString } from './tableClientFromConnectionString';

/** Table clients one factory keeps (TableClientFactory.built). */
const MAX_CACHED_CLIENTS = 64;

export type TableClientFactoryOptions =
  | { connectionString: string; tablePrefix: string }
  | { endpoint: string; credential: TokenCredential; tablePrefix: string };

/**
 * Builds TableClients for idbridge's tables (`<prefix>Jobs`, `<prefix>Staging`, `<prefix>Logs`) and creates
 * each table once per process. Connection strings serve Azurite and key-based accounts; in Azure the
 * endpoint plus a managed identity is used, so no storage key exists in settings.
 */
export class TableClientFactory {
  /**
   * Clients built, by table name: building one constructs the SDK's whole pipeline (measured: ~0.1 ms of CPU,
   * and the target index asked for one per object of an initial cycle). Few names recur (a process's tables and
   * the running cycles' target indexes); the oldest is forgotten past the cap.
   */
  private readonly built = new Map<string, TableClient>();

  constructor(private readonly options: TableClientFactoryOptions) {}

  static fromSettings(settings: AppSettings): TableClientFactory {
    const tablePrefix = settings.IDBRIDGE_TABLE_PREFIX;
    if (settings.IDBRIDGE_STORAGE_CONNECTION) return new TableClientFactory({ connectionString: settings.IDBRIDGE_STORAGE_CONNECTION, tablePrefix });
    if (!settings.IDBRIDGE_TABLE_ENDPOINT) throw new Error('IDBRIDGE_TABLE_ENDPOINT or IDBRIDGE_STORAGE_CONNECTION must be set');
    return new TableClientFactory({ endpoint: settings.IDBRIDGE_TABLE_ENDPOINT, credential: createAzureCredential(settings.AZURE_CLIENT_ID), tablePrefix });
  }

  /** A client for `<prefix><suffix>` without creating the table (for stores that create their tables themselves). */
  clientFor(suffix: string): TableClient {
    return this.build(`${this.options.tablePrefix}${suffix}`);
  }

  /** `suffix` such as `Jobs`; the table exists when the promise resolves. */
  async getTableClient(suffix: string): Promise<TableClient> {
    const tableName = `${this.options.tablePrefix}${suffix}`;
    const client = this.build(tableName);
    await ensureOnce(`table:${client.url}|${tableName}`, async () => {
      try {
        // The SDK already treats 409 TableAlreadyExists as success; the catch keeps that true for other versions.
        await client.createTable();
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode !== 409) throw toStorageError(error, `create table ${tableName}`);
      }
    });
    return client;
  }

  private build(tableName: string): TableClient {
    const known = this.built.get(tableName);
    if (known) return known;
    const client = this.construct(tableName);
    if (this.built.size >= MAX_CACHED_CLIENTS) this.built.delete(this.built.keys().next().value ?? '');
    this.built.set(tableName, client);
    return client;
  }

  private construct(tableName: string): TableClient {
    if ('connectionString' in this.options) return tableClientFromConnectionString(this.options.connectionString, tableName);
    return new TableClient(this.options.endpoint, tableName, this.options.credential);
  }
}
