import { readValueFilter } from './readValueFilter';
import { isCoreSchemaUrn, isScimAttributeName } from './scimAttributeName';
import type { ScimPath, ValueFilter } from './scimPath';
import type { ScimTextReader } from './scimTextReader';

/**
 * Reads one attribute path at the cursor and stops at whitespace, `]`, `)` or the end, so that list
 * filters (`emails[type eq "work"].value eq "x"`) can reuse it.
 *
 * A URN prefix is everything up to the last `:` before any `[`: URNs contain dots (`2.0`) and colons,
 * attribute names contain neither.
 */
export function readScimPath(reader: ScimTextReader): ScimPath {
  const start = reader.pos;
  const token = reader.readUntil('[]()"');
  if (token === '') reader.fail(`expected an attribute name but found ${reader.describeHere()}`);

  let schemaUrn: string | undefined;
  let rest = token;
  let restAt = start;
  if (token.toLowerCase().startsWith('urn:')) {
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
  if (parts.length > 2) reader.fail('only one level of sub-attribute is allowed', restAt + (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0) + 1);
  const [attribute = '', subAttribute] = parts;
  checkName(reader, attribute, restAt);
  if (subAttribute !== undefined) checkName(reader, subAttribute, restAt + attribute.length + 1);

  let filter: ValueFilter | undefined;
  let filteredSub: string | undefined;
  if (reader.peek() === '[') {
    if (subAttribute !== undefined) reader.fail('a value filter must follow the attribute, not its sub-attribute');
    reader.pos++;
    filter = readValueFilter(reader);
    reader.expect(']');
    if (reader.peek() === '.') {
      reader.pos++;
      const subAt = reader.pos;
      filteredSub = reader.readUntil('[]()"');
      if (filteredSub.includes('.') || filteredSub.includes(':')) reader.fail('only one level of sub-attribute is allowed', subAt);
      checkName(reader, filteredSub, subAt);
    }
  }

  const path: ScimPath = { attribute };
  if (schemaUrn !== undefined && !isCoreSchemaUrn(schemaUrn)) path.schemaUrn = schemaUrn;
  if (filter) path.filter = filter;
  const sub = subAttribute ?? filteredSub;
  if (sub !== undefined) path.subAttribute = sub;
  return path;
}

function checkName(reader: ScimTextReader, name: string, at: number): void {
  if (name === '') reader.fail('expected an attribute name', at);
  if (!isScimAttributeName(name)) reader.fail(`"${name}" is not a valid attribute name (a letter, then letters, digits, "-" or "_")`, at);
}
