import { ScimTextReader } from '../scimTextReader';
import { readScimFilter } from './readScimFilter';
import type { ScimFilter } from './scimFilter';

/** Longer filters are refused outright (see MAX_FILTER_COMPARISONS for why sizes are bounded). */
export const MAX_FILTER_LENGTH = 10_000;

export interface ParseScimFilterOptions {
  /** Accept `externalId eq jyoung` (an unquoted word as a string), as an old Entra example sends. */
  bareWordValues?: boolean;
}

/**
 * Parses a filter of RFC 7644 §3.4.2.2 (`?filter=`, `.search`'s `filter`). Throws ValidationError with
 * scimType `invalidFilter` whose message says what was expected at which 1-based position.
 */
export function parseScimFilter(text: string, options: ParseScimFilterOptions = {}): ScimFilter {
  const reader = new ScimTextReader(text, 'invalidFilter');
  if (text.length > MAX_FILTER_LENGTH) reader.fail(`the filter is longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
  const filter = readScimFilter(reader, { bareWordValues: options.bareWordValues ?? false });
  reader.skipSpaces();
  // readScimFilter stops only at the end or at a stray closer, which it reports itself.
  if (!reader.done) reader.fail(`unexpected ${reader.describeHere()}`);
  return filter;
}
