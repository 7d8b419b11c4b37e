import { isCoreSchemaUrn, isScimAttributeName } from '../scimAttributeName';
import type { ScimTextReader } from '../scimTextReader';
import type { FilterAttributePath } from './scimFilter';

/**
 * Reads `[URI ":"] ATTRNAME ["." ATTRNAME]` (RFC 7644 §3.10 attrPath) at the cursor, stopping before
 * whitespace, `[`, `]`, `(`, `)`, `"` or the end.
 *
 * A URN prefix is everything up to the last `:`: URNs contain dots (`2.0`) and colons, attribute names
 * contain neither. `relative` (inside `[...]`) refuses URNs and sub-attributes: the names there are
 * sub-attributes of the element, and RFC 7643 §2.3.8 allows no deeper nesting.
 */
export function readFilterAttributePath(reader: ScimTextReader, relative = false): FilterAttributePath {
  const start = reader.pos;
  const token = reader.readUntil('[]()"');
  if (token === '') reader.fail(`expected an attribute name but found ${reader.describeHere()}`);

  let schemaUrn: string | undefined;
  let rest = token;
  let restAt = start;
  if (token.toLowerCase().startsWith('urn:')) {
    if (relative) reader.fail('a value filter names sub-attributes of the element, so it takes no schema URN', start);
    const colon = token.lastIndexOf(':');
    schemaUrn = token.slice(0, colon);
    rest = token.slice(colon + 1);
    restAt = start + colon + 1;
    if (schemaUrn.length <= 'urn:'.length) reader.fail('expected a schema URN and an attribute name after "urn:"', restAt);
    if (rest === '') reader.fail('expected an attribute name after the schema URN', restAt);
  } else if (token.includes(':')) {
    reader.fail('unexpected ":" (a schema URN starts with "urn:")', start + token.indexOf(':'));
  }

  const parts = rest.split('.');
  if (relative && parts.length > 1) reader.fail('sub-attributes are not supported inside a value filter', restAt + (parts[0]?.length ?? 0));
  if (parts.length > 2) reader.fail('only one level of sub-attribute is allowed', restAt + (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0) + 1);
  const [attribute = '', subAttribute] = parts;
  checkName(reader, attribute, restAt);
  if (subAttribute !== undefined) checkName(reader, subAttribute, restAt + attribute.length + 1);

  const path: FilterAttributePath = { attribute };
  if (schemaUrn !== undefined && !isCoreSchemaUrn(schemaUrn)) path.schemaUrn = schemaUrn;
  if (subAttribute !== undefined) path.subAttribute = subAttribute;
  return path;
}

function checkName(reader: ScimTextReader, name: string, at: number): void {
  if (name === '') reader.fail('expected an attribute name', at);
  if (!isScimAttributeName(name)) reader.fail(`"${name}" is not a valid attribute name (a letter, then letters, digits, "-" or "_")`, at);
}
