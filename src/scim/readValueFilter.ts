import { readScimLiteral } from './readScimLiteral';
import { isScimAttributeName } from './scimAttributeName';
import type { EqComparison, ValueFilter } from './scimPath';
import type { ScimTextReader } from './scimTextReader';

const UNSUPPORTED_OPERATORS = new Set(['ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le']);

/** Reads the inside of `[...]`: `attr eq value` joined by `and`; stops before `]`. */
export function readValueFilter(reader: ScimTextReader): ValueFilter {
  reader.skipSpaces();
  const first = readEqComparison(reader);
  const and: EqComparison[] = [];
  for (;;) {
    reader.skipSpaces();
    if (reader.done || reader.peek() === ']') break;
    const at = reader.pos;
    const word = reader.readUntil('[]()"').toLowerCase();
    if (word === 'and') {
      if (!reader.skipSpaces()) reader.fail('expected a space after "and"');
      and.push(readEqComparison(reader));
    } else if (word === 'or' || word === 'not') {
      reader.fail(`"${word}" is not supported yet (only "eq" joined by "and")`, at);
    } else {
      reader.fail(`expected "and" or "]" but found ${word ? `"${word}"` : reader.describeHere(at)}`, at);
    }
  }
  return and.length > 0 ? { ...first, and } : first;
}

function readEqComparison(reader: ScimTextReader): EqComparison {
  const at = reader.pos;
  const attribute = reader.readUntil('[]()".');
  if (!isScimAttributeName(attribute)) {
    reader.fail(`expected an attribute name but found ${attribute ? `"${attribute}"` : reader.describeHere(at)}`, at);
  }
  if (reader.peek() === '.') reader.fail('sub-attributes are not supported inside a value filter');
  if (!reader.skipSpaces()) reader.fail(`expected a space and an operator after "${attribute}" but found ${reader.describeHere()}`);
  const opAt = reader.pos;
  const operator = reader.readUntil('[]()"').toLowerCase();
  if (operator !== 'eq') {
    if (UNSUPPORTED_OPERATORS.has(operator)) reader.fail(`operator "${operator}" is not supported yet (only "eq")`, opAt);
    reader.fail(`expected the operator "eq" but found ${operator ? `"${operator}"` : reader.describeHere(opAt)}`, opAt);
  }
  if (!reader.skipSpaces()) reader.fail(`expected a space and a value after "eq" but found ${reader.describeHere()}`);
  return { attribute, operator: 'eq', value: readScimLiteral(reader) };
}
