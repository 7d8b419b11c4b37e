import { ValidationError } from '../../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../domain/identityObject';
import { findAttributeKey } from '../../findAttributeKey';
import { SCIM_ERROR } from '../../scimSchemas';
import { createResource } from '../createResource';
import { deleteResource } from '../deleteResource';
import { patchResource } from '../patchResource';
import { replaceResource } from '../replaceResource';
import { resourceLocation } from '../resourceLocation';
import { scimErrorOf } from '../scimErrorOf';
import type { ScimServiceDeps } from '../scimServiceDeps';
import { bulkOperationTarget, type BulkMethod } from './bulkOperationTarget';
import { resolveBulkIds } from './resolveBulkIds';
import { UnresolvedBulkIdError } from './unresolvedBulkIdError';
import type { ScimBulkRequest } from './scimBulkRequest';

export const SCIM_BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/**
 * Runs a BulkRequest (RFC 7644 §3.7) in order, each operation through the same operations as the HTTP
 * endpoints (so validation, uniqueness, ETags and the gateway behave identically), and answers a BulkResponse
 * with one result per operation run: `status`, `location`, `version`, `bulkId`, and a SCIM Error as
 * `response` when it failed. `bulkId:<id>` references in paths and data are resolved from operations earlier
 * in the request; one that cannot be resolved fails its operation with 409 (§3.7.2). With failOnErrors N the
 * run stops after the Nth failure (§3.7.3). Each operation commits on its own: Bulk is not a transaction.
 */
export async function runBulk(deps: ScimServiceDeps, request: ScimBulkRequest, baseUrl: string, logUnexpected: (error: unknown) => void): Promise<JsonObject> {
  const known = new Map<string, string>();
  const results: JsonObject[] = [];
  let errors = 0;
  for (const operation of request.operations) {
    if (request.failOnErrors !== undefined && errors >= request.failOnErrors) break;
    const result = await runOperation(deps, operation, known, baseUrl, logUnexpected);
    if (Number(result.status) >= 400) errors++;
    results.push(result);
  }
  return { schemas: [SCIM_BULK_RESPONSE], Operations: results };
}

async function runOperation(deps: ScimServiceDeps, operation: JsonValue, known: Map<string, string>, baseUrl: string, logUnexpected: (error: unknown) => void): Promise<JsonObject> {
  const field = (name: string): JsonValue | undefined => (isJsonObject(operation) ? operation[findAttributeKey(operation, name) ?? name] : undefined);
  const method = field('method');
  const bulkId = field('bulkId');
  const echo: JsonObject = { method: typeof method === 'string' ? method.toUpperCase() : String(method ?? '') };
  if (typeof bulkId === 'string') echo.bulkId = bulkId;
  let location: string | undefined;
  try {
    if (!isJsonObject(operation)) throw new ValidationError([{ path: '', message: 'an operation must be an object' }], { scimType: 'invalidSyntax' });
    const target = bulkOperationTarget(method, field('path'));
    const version = field('version');
    const ifMatch = typeof version === 'string' ? version : undefined;
    const id = target.id === undefined ? undefined : resolved(target.id, known);
    if (id !== undefined) location = resourceLocation(baseUrl, target.type, id);
    const data = dataOf(target.method, field('data'), known);
    switch (target.method) {
      case 'POST': {
        if (typeof bulkId !== 'string' || bulkId === '') throw new ValidationError([{ path: 'bulkId', message: 'is required for POST (RFC 7644 §3.7)' }], { scimType: 'invalidSyntax' });
        const record = await createResource(deps, target.type, data);
        known.set(bulkId, record.id);
        return { ...echo, location: resourceLocation(baseUrl, target.type, record.id), version: record.version, status: '201' };
      }
      case 'PUT': {
        const record = await replaceResource(deps, target.type, id as string, data, ifMatch);
        return { ...echo, location: location as string, version: record.version, status: '200' };
      }
      case 'PATCH': {
        const { record } = await patchResource(deps, target.type, id as string, data ?? null, ifMatch);
        return { ...echo, location: location as string, version: record.version, status: '200' };
      }
      case 'DELETE':
        await deleteResource(deps, target.type, id as string, ifMatch);
        return { ...echo, location: location as string, status: '204' };
    }
  } catch (error) {
    const info = scimErrorOf(error);
    if (info.unexpected !== undefined) logUnexpected(info.unexpected);
    const response: JsonObject = { schemas: [SCIM_ERROR], status: String(info.status), ...(info.scimType ? { scimType: info.scimType } : {}), detail: info.detail };
    return { ...echo, ...(location ? { location } : {}), status: String(info.status), response };
  }
}

/** A path's id, with `bulkId:<id>` resolved. */
function resolved(id: string, known: ReadonlyMap<string, string>): string {
  const result = resolveBulkIds(id, known);
  if (result.unresolved.length > 0) throw unresolvable(result.unresolved);
  return result.value as string;
}

function dataOf(method: BulkMethod, data: JsonValue | undefined, known: ReadonlyMap<string, string>): JsonValue | undefined {
  if (method === 'DELETE') return undefined;
  if (data === undefined || data === null) throw new ValidationError([{ path: 'data', message: `is required for ${method}` }], { scimType: 'invalidSyntax' });
  const result = resolveBulkIds(data, known);
  if (result.unresolved.length > 0) throw unresolvable(result.unresolved);
  return result.value;
}

function unresolvable(bulkIds: readonly string[]): UnresolvedBulkIdError {
  return new UnresolvedBulkIdError([...new Set(bulkIds)]);
}
