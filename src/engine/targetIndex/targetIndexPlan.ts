import type { JobDefinition } from '../../domain/jobDefinition';
import { parseScimPath, type ScimPath } from '../../scim/scimPath';
import { compileObjectMapping } from '../compiledMapping';
import { indexedAttributeName, indexedTargetType } from './indexedNames';

export interface IndexedAttribute {
  /** As the index names it (indexedAttributeName). */
  name: string;
  path: ScimPath;
}

export interface IndexedObjectType {
  /** The type as the job's mapping names it: what the connector is asked to list. */
  targetType: string;
  /** As the index names it (indexedTargetType). */
  key: string;
  attributes: IndexedAttribute[];
}

/**
 * What an initial cycle indexes: each target object type the job's enabled mappings write, with every
 * attribute that any of those mappings matches on (matchingPriority > 0, reference/entra-engine.md §4). Types
 * without a matching attribute are left out: nothing is ever looked up for them. Two mappings into one type
 * share its listing and index.
 */
export function targetIndexPlan(job: JobDefinition): IndexedObjectType[] {
  const byType = new Map<string, IndexedObjectType>();
  for (const objectMapping of job.objectMappings) {
    if (!objectMapping.enabled) continue;
    const matching = compileObjectMapping(objectMapping).matching;
    if (matching.length === 0) continue;
    const key = indexedTargetType(objectMapping.targetObjectName);
    let type = byType.get(key);
    if (!type) byType.set(key, (type = { targetType: objectMapping.targetObjectName, key, attributes: [] }));
    for (const attribute of matching) {
      const name = indexedAttributeName(attribute.mapping.targetAttributeName);
      if (!type.attributes.some((a) => a.name === name)) type.attributes.push({ name, path: parseScimPath(attribute.mapping.targetAttributeName) });
    }
  }
  return [...byType.values()];
}
