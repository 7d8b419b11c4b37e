import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { toStorageError } from '../../azure/toStorageError';
import { GroupCommit } from './groupCommit';
import type { ScimResourceType } from './scimResourceStore';

export interface StoreTablesOptions {
  connectionString: string;
  /** Tables are `<prefix>ScimUser`, `<prefix>ScimGroup`, `<prefix>ScimIndex`, `<prefix>ScimMember`. */
  tablePrefix: string;
  /**
   * Hash buckets per table (default 256): on Azurite, 2,000 users, lookups ran 617/s with 4 buckets, 865/s
   * with 32 and 1,078/s with 256 (Azurite scans a partition to find a row); see docs/scim-storage.md.
   */
  partitions?: number;
  /**
   * Coalesce concurrent writes to one partition into transactions (default false: at concurrency 8 on Azurite
   * it cost more than it saved, 232 vs 284 creates/s with 32 buckets, because few writes meet in a partition).
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
  index: StoreTable;
  members: StoreTable;
  partitions: number;
  ensure(): Promise<void>;
}

export function openStoreTables(options: StoreTablesOptions): StoreTables {
  // Azurite serves http; the SDK refuses to send a shared key over http unless told this is intended.
  const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(options.connectionString);
  const clientOptions: TableServiceClientOptions = insecure ? { allowInsecureConnection: true } : {};
  const enabled = options.groupCommit ?? false;
  const open = (suffix: string, batched = enabled): StoreTable => {
    const client = TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix}${suffix}`, clientOptions);
    return { client, commit: new GroupCommit(client, { enabled: batched }) };
  };
  const resources = { User: open('ScimUser'), Group: open('ScimGroup') };
  const index = open('ScimIndex');
  // Member writes always go in transactions: adding 3,000 members took 36.8 s one write at a time and 5.5 s
  // batched (Azurite, test/scim/store), because one PATCH's rows share the group's partition.
  const members = open('ScimMember', true);
  let ready: Promise<void> | undefined;
  return {
    resources,
    index,
    members,
    partitions: options.partitions ?? 256,
    ensure() {
      ready ??= Promise.all([resources.User, resources.Group, index, members].map((t) => t.client.createTable())).then(
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
