import { readScimLiteral } from './readScimLiteral';
import { readScimPath } from './readScimPath';
import type { ScimLiteral, ScimPath } from './scimPath';
import { ScimTextReader } from './scimTextReader';

export interface EqFilterComparison {
  path: ScimPath;
  value: ScimLiteral;
}

/**
 * A list filter of the subset Entra sends (reference 2.1: only `eq` and `and`): every comparison must
 * hold. The full RFC 7644 §3.4.2.2 grammar will replace this type with a filter tree; callers should
 * go through matchesEqFilter so that they do not care about the shape.
 */
export interface ScimEqFilter {
  comparisons: EqFilterComparison[];
}

const UNSUPPORTED = new Set(['ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le', 'or', 'not']);

/**
 * Parses `attrPath eq value [and attrPath eq value]...`, where attrPath is any RFC 7644 §3.10 path
 * (`emails[type eq "work"].value eq "x"`). An unquoted word is taken as a string because an Entra
 * example sends `externalId eq jyoung`. Throws ValidationError with scimType `invalidFilter`.
 */
export function parseEqFilter(text: string): ScimEqFilter {
  const reader = new ScimTextReader(text, 'invalidFilter');
  const comparisons: EqFilterComparison[] = [];
  reader.skipSpaces();
  if (reader.peek() === '(') reader.fail('parentheses are not supported yet');
  for (;;) {
    const path = readScimPath(reader);
    if (!reader.skipSpaces()) reader.fail(`expected a space and "eq" but found ${reader.describeHere()}`);
    expectWord(reader, 'eq');
    if (!reader.skipSpaces()) reader.fail(`expected a space and a value after "eq" but found ${reader.describeHere()}`);
    comparisons.push({ path, value: readScimLiteral(reader, true) });
    const spaced = reader.skipSpaces();
    if (reader.done) return { comparisons };
    if (!spaced) reader.fail(`unexpected ${reader.describeHere()}`);
    expectWord(reader, 'and');
    if (!reader.skipSpaces()) reader.fail(`expected a space after "and" but found ${reader.describeHere()}`);
  }
}

function expectWord(reader: ScimTextReader, expected: string): void {
  const at = reader.pos;
  const word = reader.readUntil('[]()"');
  const lower = word.toLowerCase();
  if (lower === expected) return;
  if (UNSUPPORTED.has(lower)) reader.fail(`"${lower}" is not supported yet (only "eq" joined by "and")`, at);
  reader.fail(`expected "${expected}" but found ${word ? `"${word}"` : reader.describeHere(at)}`, at);
}
