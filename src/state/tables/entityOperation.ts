import type { TableEntity, TransactionAction } from '@azure/data-tables';

/** One entity operation as the Table service's REST API spells it (method, URL, headers, JSON body). */
export interface EntityOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * The REST request for one action (Table service REST reference: Insert Entity, Update Entity, Merge Entity,
 * Insert Or Replace/Merge Entity, Delete Entity), the same alone or inside a transaction's changeset:
 * - create: POST to the table, `Prefer: return-no-content` (204 with the new ETag; 409 when the row exists);
 * - update: PUT (Replace) or PATCH (Merge) with `If-Match` the given ETag, or `*` (the row must exist);
 * - upsert: PUT or PATCH without If-Match (inserted if missing);
 * - delete: DELETE with `If-Match: *`, as the SDK sends it in a transaction.
 * The reference spells a merge MERGE; the SDK sends PATCH, alone and in transactions, and the service and
 * Azurite take it as a merge: so does idbridge, and PATCH is a method every HTTP stack knows.
 */
export function entityOperation(tableUrl: string, action: TransactionAction): EntityOperation {
  const [kind, entity] = action;
  const headers: Record<string, string> = { Accept: 'application/json;odata=minimalmetadata', DataServiceVersion: '3.0;' };
  if (kind === 'create') {
    return { method: 'POST', url: tableUrl, headers: { ...headers, 'Content-Type': 'application/json', Prefer: 'return-no-content' }, body: entityJson(entity) };
  }
  const url = `${tableUrl}(PartitionKey='${keyLiteral(entity.partitionKey)}',RowKey='${keyLiteral(entity.rowKey)}')`;
  if (kind === 'delete') return { method: 'DELETE', url, headers: { ...headers, 'If-Match': '*' }, body: undefined };
  const method = (action[2] ?? 'Merge') === 'Replace' ? 'PUT' : 'PATCH';
  const ifMatch: Record<string, string> = kind === 'update' ? { 'If-Match': action[3]?.etag ?? '*' } : {};
  return { method, url, headers: { ...headers, 'Content-Type': 'application/json', ...ifMatch }, body: entityJson(entity) };
}

/** An OData key literal in a URL: quotes doubled, then percent-encoded. */
function keyLiteral(key: string | undefined): string {
  return encodeURIComponent((key ?? '').replace(/'/g, "''"));
}

const EDM_TYPES = new Set(['Binary', 'Boolean', 'DateTime', 'Double', 'Guid', 'Int32', 'Int64', 'String']);

/**
 * The entity as the service's JSON: PartitionKey/RowKey renamed, types that JSON cannot carry annotated
 * (`@odata.type`), as the SDK serializes them; `etag` and `timestamp` are metadata, not properties.
 */
function entityJson(entity: TableEntity): string {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'etag' || name === 'timestamp') continue;
    const key = name === 'partitionKey' ? 'PartitionKey' : name === 'rowKey' ? 'RowKey' : name;
    if (typeof value === 'bigint') {
      out[key] = value.toString();
      out[`${key}@odata.type`] = 'Edm.Int64';
    } else if (value instanceof Date) {
      out[key] = value.toISOString();
      out[`${key}@odata.type`] = 'Edm.DateTime';
    } else if (value instanceof Uint8Array) {
      out[key] = Buffer.from(value).toString('base64');
      out[`${key}@odata.type`] = 'Edm.Binary';
    } else if (isTypedValue(value)) {
      out[key] = value.value;
      out[`${key}@odata.type`] = `Edm.${value.type}`;
    } else {
      out[key] = value;
    }
  }
  return JSON.stringify(out);
}

function isTypedValue(value: unknown): value is { value: unknown; type: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return 'value' in value && typeof type === 'string' && EDM_TYPES.has(type);
}
