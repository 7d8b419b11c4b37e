import type { TargetConnector, TargetObject } from '../../connectors/targetConnector';
import type { TargetIndexStore } from '../../state/targetIndexStore';
import { parseScimPath } from '../../scim/scimPath';
import { indexedAttributeName, indexedTargetType } from './indexedNames';
import { normalizeMatchingValue } from './normalizeMatchingValue';

export interface TargetIndexLookup {
  jobId: string;
  indexId: string;
  /** The mapping's targetObjectName. */
  targetType: string;
  /** The matching mapping's targetAttributeName. */
  attributePath: string;
  /** The source's matching value, as matchingValue computed it. */
  value: string;
}

/**
 * What a filtered GET (`<attributePath> eq "<value>"`) would have answered, from the target index: every
 * target object holding the value, with the data it had when the index was read. Only an object whose data was
 * too large to index is read from the target (by id; one that is gone since counts as not found). 'missing'
 * when the index does not exist (dropped after its cycle ended, say): the caller then asks the target itself.
 */
export async function findInTargetIndex(deps: { connector: TargetConnector; targetIndexes: TargetIndexStore }, lookup: TargetIndexLookup): Promise<TargetObject[] | 'missing'> {
  const value = normalizeMatchingValue(parseScimPath(lookup.attributePath), lookup.value);
  if (value === undefined) return [];
  const hits = await deps.targetIndexes.find(lookup.jobId, lookup.indexId, {
    targetType: indexedTargetType(lookup.targetType),
    attribute: indexedAttributeName(lookup.attributePath),
    value,
  });
  if (hits === 'missing') return 'missing';
  const [only] = hits;
  // Several hits end in DuplicateTargetEntries whatever their data, so only a single hit is worth reading.
  if (hits.length !== 1 || !only) return hits.map((hit) => ({ id: hit.id, data: hit.data ?? {} }));
  if (only.data) return [{ id: only.id, data: only.data }];
  const read = await deps.connector.getById(lookup.targetType, only.id);
  return read ? [read] : [];
}
