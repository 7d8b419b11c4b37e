import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findExtensionObject, findFlatExtensionKey } from '../extensionContainer';
import { findAttributeKey } from '../findAttributeKey';
import { SCIM_ENTERPRISE_USER } from '../scimSchemas';
import type { FilterAttributePath } from './scimFilter';

export interface ReadAttributeValueOptions {
  /**
   * Look an unqualified name that the core lacks up in the enterprise extension: Entra checks
   * `manager eq "<id>"` without the URN (reference 2.6 step 6).
   */
  enterpriseFallback?: boolean;
}

/**
 * The value of an attribute path without a value filter, or undefined. Names compare case-insensitively
 * (RFC 7643 §2.1); an extension attribute is read from its schema object or, as some sources send it, from
 * a flat `"urn:...:attr"` key. A sub-attribute of a multi-valued attribute (`emails.value`) gives the array
 * of the elements' values.
 */
export function readAttributeValue(resource: JsonObject, path: FilterAttributePath, options: ReadAttributeValueOptions = {}): JsonValue | undefined {
  let value = path.schemaUrn ? readExtensionAttribute(resource, path.schemaUrn, path.attribute) : readAttribute(resource, path.attribute);
  if (value === undefined && !path.schemaUrn && options.enterpriseFallback) value = readExtensionAttribute(resource, SCIM_ENTERPRISE_USER, path.attribute);
  const sub = path.subAttribute;
  if (sub === undefined) return value;
  if (isJsonObject(value)) return readAttribute(value, sub);
  if (Array.isArray(value)) {
    const values = value.flatMap((e) => {
      const v = isJsonObject(e) ? readAttribute(e, sub) : undefined;
      return v === undefined ? [] : [v];
    });
    return values.length > 0 ? values : undefined;
  }
  return undefined;
}

function readAttribute(object: JsonObject, attribute: string): JsonValue | undefined {
  const key = findAttributeKey(object, attribute);
  return key === undefined ? undefined : object[key];
}

function readExtensionAttribute(resource: JsonObject, schemaUrn: string, attribute: string): JsonValue | undefined {
  const extension = findExtensionObject(resource, schemaUrn);
  const nested = extension ? readAttribute(extension, attribute) : undefined;
  if (nested !== undefined) return nested;
  const flatKey = findFlatExtensionKey(resource, schemaUrn, attribute);
  return flatKey === undefined ? undefined : resource[flatKey];
}
