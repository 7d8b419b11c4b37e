import type { TableClient } from '@azure/data-tables';
import { toStorageError } from '../../azure/toStorageError';
import { tableClientFromConnectionString } from '../../state/tables/tableClientFromConnectionString';
import { checkStoreLayout } from './checkStoreLayout';
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
   * their value into this many buckets, so the tables record the count (checkStoreLayout) and a store opened
   * with another count refuses them. Azurite scans a partition to find or insert a row, so small partitions
   * matter; figures for 32 to 4,096 buckets are in docs/scim-storage.md.
   */
  partitions?: number;
  /**
   * Coalesce concurrent writes to one partition, whole transactions included (GroupCommit: each caller's
   * transaction stays all or nothing), into shared transactions. Default false: with 256 partitions, 8
   * concurrent creates almost never meet in one partition (1.02-1.03 Table requests per create over HTTP with it
   * on or off), so it only adds an event-loop turn; fewer partitions make Azurite scan more per row (see
   * docs/scim-storage.md). Member rows always use it.
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
  const partitions = options.partitions ?? 256;
  let ready: Promise<void> | undefined;
  const prepare = async (): Promise<void> => {
    try {
      await Promise.all([resources.User, resources.Group, members].map((t) => t.client.createTable()));
    } catch (error) {
      throw toStorageError(error, 'create the SCIM tables');
    }
    // The tables are created together; the Users table records the layout for all of them.
    await checkStoreLayout(resources.User.client, [resources.Group.client, members.client], partitions);
  };
  return {
    resources,
    members,
    partitions,
    ensure() {
      ready ??= prepare().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

function connectionStringClients(connectionString: string, tablePrefix: string): (suffix: string) => TableClient {
  return (suffix) => tableClientFromConnectionString(connectionString, `${tablePrefix}${suffix}`);
}
