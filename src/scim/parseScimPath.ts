import { readScimPath } from './readScimPath';
import type { ScimPath } from './scimPath';
import { ScimTextReader } from './scimTextReader';

/**
 * Parses an RFC 7644 §3.10 attribute path. Throws ValidationError (scimType `invalidPath`) whose message
 * names the problem and its 1-based position.
 */
export function parseScimPath(text: string): ScimPath {
  const reader = new ScimTextReader(text, 'invalidPath');
  reader.skipSpaces();
  const path = readScimPath(reader);
  reader.skipSpaces();
  if (!reader.done) reader.fail(`unexpected ${reader.describeHere()}`);
  return path;
}
