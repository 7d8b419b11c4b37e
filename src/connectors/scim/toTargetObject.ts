import type { JsonObject } from '../../domain/identityObject';
import type { TargetObject } from '../targetConnector';
import { scimBadResponse } from './scimBadResponse';

/**
 * RFC 7644 requires `id` on every returned resource, and the engine stores it as the anchor, so a
 * resource without one is a target defect.
 */
export function toTargetObject(data: JsonObject, operation: string): TargetObject {
  const id = data.id;
  if (typeof id !== 'string' || id === '') throw scimBadResponse(`a resource returned by ${operation} has no id`);
  return { id, data };
}
