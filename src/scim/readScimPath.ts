import { readBracketSubAttribute } from './filter/readBracketSubAttribute';
import { readFilterAttributePath } from './filter/readFilterAttributePath';
import { readScimFilter } from './filter/readScimFilter';
import type { ScimPath } from './scimPath';
import type { ScimTextReader } from './scimTextReader';

/**
 * Reads one attribute path (RFC 7644 §3.10: `attrPath` or `valuePath [subAttr]`) at the cursor and stops
 * at whitespace, `]`, `)` or the end. The value filter is the full §3.4.2.2 valFilter grammar.
 */
export function readScimPath(reader: ScimTextReader): ScimPath {
  const path: ScimPath = readFilterAttributePath(reader);
  if (reader.peek() !== '[') return path;
  if (path.subAttribute !== undefined) reader.fail('a value filter must follow the attribute, not its sub-attribute');
  reader.pos++;
  path.filter = readScimFilter(reader, { valuePath: true });
  reader.skipSpaces();
  reader.expect(']');
  const sub = readBracketSubAttribute(reader);
  if (sub !== undefined) path.subAttribute = sub;
  return path;
}
