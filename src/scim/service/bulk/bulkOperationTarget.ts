import { ValidationError } from '../../../domain/errors';
import type { ScimResourceType } from '../../store/scimResourceStore';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BulkOperationTarget {
  method: BulkMethod;
  type: ScimResourceType;
  /** The resource id (or `bulkId:<id>`) for PUT/PATCH/DELETE. */
  id?: string;
}

/**
 * An operation's method and path (RFC 7644 §3.7: POST to `/Users` or `/Groups`, the others to
 * `/Users/{id}`, `/Groups/{id}`); endpoints and methods in any case. 400 invalidValue / invalidPath otherwise.
 */
export function bulkOperationTarget(method: unknown, path: unknown): BulkOperationTarget {
  const upper = typeof method === 'string' ? method.toUpperCase() : '';
  if (upper !== 'POST' && upper !== 'PUT' && upper !== 'PATCH' && upper !== 'DELETE') {
    throw new ValidationError([{ path: 'method', message: 'must be POST, PUT, PATCH or DELETE' }], { scimType: 'invalidValue' });
  }
  const match = typeof path === 'string' ? /^\/?(Users|Groups)(?:\/([^/?#]+))?\/?$/i.exec(path.trim()) : null;
  if (!match) throw new ValidationError([{ path: 'path', message: 'must be /Users, /Groups, /Users/{id} or /Groups/{id}' }], { scimType: 'invalidPath' });
  const type: ScimResourceType = match[1]!.toLowerCase() === 'users' ? 'User' : 'Group';
  const id = match[2] === undefined ? undefined : safeDecode(match[2]);
  if (upper === 'POST' && id !== undefined) throw new ValidationError([{ path: 'path', message: 'POST goes to /Users or /Groups, without an id' }], { scimType: 'invalidPath' });
  if (upper !== 'POST' && id === undefined) throw new ValidationError([{ path: 'path', message: `${upper} needs the resource, e.g. /Users/{id}` }], { scimType: 'invalidPath' });
  return id === undefined ? { method: upper, type } : { method: upper, type, id };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
