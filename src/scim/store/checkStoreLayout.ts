import type { TableClient } from '@azure/data-tables';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { PermanentError } from '../../domain/errors';

/**
 * The storage layout the SCIM tables were written with. Rows are found by hashing values into partitions
 * (indexPartition), so a reader that hashes differently from the writer would look in the wrong partition:
 * lookups would miss, and a second claim of a taken userName would succeed. Version 4 keys claim rows by a hash
 * of the value and keeps a resource created under its name in that claim row alone (ids name it); version 3
 * hashed an email-like value's partition by its local part (docs/scim-storage.md); version 2 (no layout row)
 * hashed the whole value.
 */
export const STORE_LAYOUT_VERSION = 4;

/** The layout row: outside the id-row range (`i|`..`i}`) that scans read, and outside every hash partition. */
const LAYOUT_KEYS = { partitionKey: '~layout', rowKey: 'scim' } as const;

interface LayoutRow {
  version?: unknown;
  partitions?: unknown;
}

/**
 * Makes sure `table` (the Users table) and `others` (created alongside it) hold data of this layout and
 * partition count: records them in `table` when all are fresh, accepts tables that record the same, and
 * refuses anything else with a PermanentError that says what to do, rather than reading rows it would look
 * for in the wrong places.
 */
export async function checkStoreLayout(table: TableClient, others: readonly TableClient[], partitions: number): Promise<void> {
  const found = (await readLayout(table)) ?? (await recordLayout(table, others, partitions));
  if (found.version !== STORE_LAYOUT_VERSION || found.partitions !== partitions) {
    throw new PermanentError(
      `The SCIM table ${table.tableName} was written with storage layout ${String(found.version)} and ${String(found.partitions)} partitions; this version reads layout ${STORE_LAYOUT_VERSION} with ${partitions}. ` +
        'Delete the SCIM tables (local host: the azurite folder under IDBRIDGE_HOME) or use the version that wrote them.',
      { code: 'ScimStoreLayoutMismatch' },
    );
  }
}

async function readLayout(table: TableClient): Promise<LayoutRow | undefined> {
  try {
    return await table.getEntity<LayoutRow>(LAYOUT_KEYS.partitionKey, LAYOUT_KEYS.rowKey);
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw toStorageError(error, `read the layout of ${table.tableName}`);
  }
}

/** Fresh tables get this layout; tables holding rows but no layout row were written by layout 2. */
async function recordLayout(table: TableClient, others: readonly TableClient[], partitions: number): Promise<LayoutRow> {
  try {
    for (const t of [table, ...others]) if (await holdsRows(t)) return { version: 2, partitions: 'unknown' };
    await table.createEntity({ ...LAYOUT_KEYS, version: STORE_LAYOUT_VERSION, partitions });
    return { version: STORE_LAYOUT_VERSION, partitions };
  } catch (error) {
    // Another instance recorded it first: believe what it wrote.
    if (statusCodeOf(error) === 409) return (await readLayout(table)) ?? {};
    throw toStorageError(error, `record the layout of ${table.tableName}`);
  }
}

async function holdsRows(table: TableClient): Promise<boolean> {
  // A page may come back empty with a continuation (Table service), so read on until a row or the end.
  for await (const page of table.listEntities({ queryOptions: { select: ['RowKey'] } }).byPage({ maxPageSize: 1 })) {
    if (page.length > 0) return true;
  }
  return false;
}
