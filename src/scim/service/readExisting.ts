import { NotFoundError } from '../../domain/errors';
import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { isPlausibleId } from './isPlausibleId';
import type { ScimServiceDeps } from './scimServiceDeps';

/** The stored resource, or NotFoundError (404, RFC 7644 §3.12; reference §2.6 step 4 shows the body Entra expects). */
export async function readExisting(deps: Pick<ScimServiceDeps, 'store'>, type: ScimResourceType, id: string, includeMembers = false): Promise<ScimResourceRecord> {
  const record = isPlausibleId(id) ? await deps.store.get(type, id, { includeMembers }) : undefined;
  if (!record) throw new NotFoundError(`${type} ${id} not found`);
  return record;
}
