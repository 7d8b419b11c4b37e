import { PermanentError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';
import { scimEndpointFor } from '../connectors/scim/scimEndpointFor';
import { findObjectMapping } from '../engine/compiledMapping';

/** The object types pull sources read: SCIM's two core resource types (RFC 7643 §4), staged under these names. */
export type SourceObjectType = 'User' | 'Group';

/** Users before groups, so that a group's members are usually staged (and provisioned) before the group. */
const READ_ORDER: readonly SourceObjectType[] = ['User', 'Group'];

/**
 * The object types a job reads from its source, in read order: those an enabled object mapping names as
 * `sourceObjectName`. The rule is the gateway's (src/gateway/createDirectoryChangeSink.ts), so that a pull and a
 * push stage the same types under the same names.
 */
export function sourceObjectTypesOf(job: JobDefinition): SourceObjectType[] {
  return READ_ORDER.filter((type) => findObjectMapping(job, type) !== undefined);
}

/** `User`/`Group` for any spelling the SCIM client accepts (`user`, `Users`, the core schema URN); PermanentError otherwise. */
export function toSourceObjectType(objectType: string): SourceObjectType {
  try {
    return scimEndpointFor(objectType) === '/Users' ? 'User' : 'Group';
  } catch (error) {
    throw new PermanentError(`A source has no object type "${objectType}": use User or Group (or their core schema URNs)`, { code: 'SourceObjectTypeUnsupported', cause: error });
  }
}

/** The type read after `current` among `types`; `current` need not be in `types` (a job edited mid-read). */
export function objectTypeAfter(current: SourceObjectType, types: readonly SourceObjectType[]): SourceObjectType | undefined {
  const position = READ_ORDER.indexOf(current);
  return READ_ORDER.find((type, index) => index > position && types.includes(type));
}
