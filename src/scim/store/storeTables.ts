import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { toStorageError } from '../../azure/toStorageError';
import { GroupCommit } from './groupCommit';
import type { ScimResourceType } from './scimResourceStore';

/**
 * Tables are `<prefix>ScimUser`, `<prefix>ScimGroup` (id rows, claim rows and index rows of that type, so that
 * one transaction can write a resource with its claim) and `<prefix>ScimMember`. Either a connection string
 * (Azurite, tests) or a client factory (the app's, which uses the managed identity in Azure).
 */
export type StoreTablesOptions = (
  | { connectionString: string; tablePrefix: string }
  | { clientFor(suffix: string): TableClient }
) & StoreTuning;

export interface StoreTuning {
  /**
   * Hash buckets per table (default 256). Fixed for the life of the tables: index rows are found by hashing
   * their value into this many buckets (ids minted by the store name their partition and survive a change;
   * index rows would not). Azurite scans a partition to find or insert a row, so small partitions matter;
   * figures for 32 to 4,096 buckets are in docs/scim-storage.md.
   */
  partitions?: number;
  /**
   * Coalesce concurrent single-row writes to one partition (index rows written outside a create's
   * transaction) into transactions. Default false: at concurrency 8 on Azurite it cost more than it saved
   * (232 vs 284 creates/s with 32 buckets before creates became one transaction; see docs/scim-storage.md).
   * The create/replace/delete transactions never go through it: they must stay all-or-nothing on their own.
   */
  groupCommit?: boolean;
}

/** One table with its group-commit writer. */
export interface StoreTable {
  client: TableClient;
  commit: GroupCommit;
}

export interface StoreTables {
  resources: Record<ScimResourceType, StoreTable>;
  members: StoreTable;
  partitions: number;
  ensure(): Promise<void>;
}

export function openStoreTables(options: StoreTablesOptions): StoreTables {
  const clientFor = 'clientFor' in options ? (suffix: string) => options.clientFor(suffix) : connectionStringClients(options.connectionString, options.tablePrefix);
  const enabled = options.groupCommit ?? false;
  const open = (suffix: string, batched = enabled): StoreTable => {
    const client = clientFor(suffix);
    return { client, commit: new GroupCommit(client, { enabled: batched }) };
  };
  const resources = { User: open('ScimUser'), Group: open('ScimGroup') };
  // Member writes always go in transactions: adding 3,000 members took 36.8 s one write at a time and 5.5 s
  // batched (Azurite, test/scim/store), because one PATCH's rows share the group's partition.
  const members = open('ScimMember', true);
  let ready: Promise<void> | undefined;
  return {
    resources,
    members,
    partitions: options.partitions ?? 256,
    ensure() {
      ready ??= Promise.all([resources.User, resources.Group, members].map((t) => t.client.createTable())).then(
        () => undefined,
        (error: unknown) => {
          ready = undefined;
          throw toStorageError(error, 'create the SCIM tables');
        },
      );
      return ready;
    },
  };
}

function connectionStringClients(connectionString: string, tablePrefix: string): (suffix: string) => TableClient {
  // Azurite serves http; the SDK refuses to send a shared key over http unless told this is intended.
  const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(connectionString);
  const clientOptions: TableServiceClientOptions = insecure ? { allowInsecureConnection: true } : {};
  return (suffix) => TableClient.fromConnectionString(connectionString, `${tablePrefix}${suffix}`, clientOptions);
}
