import { ConflictError } from '../../domain/errors';
import type { ScimResourceType } from '../store/scimResourceStore';
import { entityTagsMatch } from './entityTagsMatch';

/**
 * RFC 7644 §3.14 / RFC 9110 §13.1.1: a write with If-Match proceeds only when the current version is one of
 * the tags (or the header is `*`); otherwise 412 with scimType invalidVers. No header: no condition.
 */
export function assertIfMatch(type: ScimResourceType, id: string, ifMatch: string | undefined, version: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '') return;
  if (!entityTagsMatch(ifMatch, version)) throw new ConflictError(`${type} ${id} has changed: its version is ${version}, not ${ifMatch.trim()}`, 'invalidVers');
}
