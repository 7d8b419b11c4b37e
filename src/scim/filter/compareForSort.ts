import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import type { AttributeTraitsResolver } from './attributeTraits';
import { compareScimValues } from './compareScimValues';
import { readAttributeValue } from './readAttributeValue';
import type { FilterAttributePath } from './scimFilter';

/** Ranks for values of different JSON types, so that the order stays total when a store holds mixed data. */
const TYPE_RANK = { boolean: 0, number: 1, string: 2 } as const;

/**
 * An Array.prototype.sort comparator for `sortBy`/`sortOrder` (RFC 7644 §3.4.2.3):
 * - a multi-valued attribute sorts by its primary value (RFC 7643 §2.4), else by its first value;
 * - a complex value without a sub-attribute sorts by its `value` sub-attribute;
 * - values order by the attribute's type (see compareScimValues), strings case-insensitively unless caseExact;
 * - "if there is no data for the specified sortBy value, they are sorted via the sortOrder parameter, i.e.,
 *   they are ordered last if ascending and first if descending" (§3.4.2.3).
 * Ties give 0: sort stably on a key such as `id` afterwards to keep pages consistent (§3.4.2.4).
 */
export function compareForSort(
  a: JsonObject,
  b: JsonObject,
  path: FilterAttributePath,
  traits: AttributeTraitsResolver,
  order: 'ascending' | 'descending',
): number {
  const x = sortKey(a, path);
  const y = sortKey(b, path);
  let result: number;
  if (x === undefined || y === undefined) {
    // Missing data is greater than any value, so it ends last ascending and first descending.
    result = x === y ? 0 : x === undefined ? 1 : -1;
  } else {
    const pathTraits = traits(path);
    const keyTraits = path.subAttribute === undefined && pathTraits.type === 'complex' ? traits({ ...path, subAttribute: 'value' }) : pathTraits;
    result = compareScimValues(x, y, keyTraits) ?? TYPE_RANK[typeName(x)] - TYPE_RANK[typeName(y)];
  }
  return order === 'descending' ? -result : result;
}

function sortKey(resource: JsonObject, path: FilterAttributePath): boolean | number | string | undefined {
  const attribute = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
  // As in filters, an unqualified name the core lacks is looked up in the enterprise extension.
  const top = readAttributeValue(resource, attribute, { enterpriseFallback: true });
  let value: JsonValue | undefined = Array.isArray(top) ? pickPrimary(top) : top;
  if (path.subAttribute !== undefined) value = isJsonObject(value) ? member(value, path.subAttribute) : undefined;
  else if (isJsonObject(value)) value = member(value, 'value');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

function pickPrimary(values: JsonValue[]): JsonValue | undefined {
  const primary = values.find((v) => {
    if (!isJsonObject(v)) return false;
    const flag = member(v, 'primary');
    return flag === true || (typeof flag === 'string' && flag.toLowerCase() === 'true');
  });
  return primary ?? values.find((v) => v !== null);
}

function member(object: JsonObject, name: string): JsonValue | undefined {
  const key = findAttributeKey(object, name);
  return key === undefined ? undefined : object[key];
}

function typeName(value: boolean | number | string): keyof typeof TYPE_RANK {
  return typeof value as keyof typeof TYPE_RANK;
}
