import { isScimAttributeName } from '../scimAttributeName';
import type { ScimTextReader } from '../scimTextReader';

/**
 * After `]`, reads the `.value` of `emails[type eq "work"].value` (RFC 7644 §3.10 valuePath subAttr), or
 * returns undefined when no `.` follows.
 */
export function readBracketSubAttribute(reader: ScimTextReader): string | undefined {
  if (reader.peek() !== '.') return undefined;
  reader.pos++;
  const at = reader.pos;
  const name = reader.readUntil('[]()"');
  if (name.includes('.') || name.includes(':')) reader.fail('only one level of sub-attribute is allowed', at);
  if (name === '') reader.fail('expected an attribute name', at);
  if (!isScimAttributeName(name)) reader.fail(`"${name}" is not a valid attribute name (a letter, then letters, digits, "-" or "_")`, at);
  return name;
}
