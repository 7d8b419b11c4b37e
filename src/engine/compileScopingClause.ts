import { PermanentError } from '../domain/errors';
import type { JsonValue } from '../domain/identityObject';
import type { ScopingClause } from '../domain/jobDefinition';
import { compileDotNetRegex } from '../expressions/compileDotNetRegex';

/** Whether one clause holds for the value of its source attribute (undefined when the attribute is absent). */
export type ClausePredicate = (value: JsonValue | undefined) => boolean;

/**
 * Gives a scoping clause its meaning (reference/entra-engine.md §2.1, §2.2), compiled once so that regexes
 * and integer operands are not re-parsed for every object.
 *
 * - NULL (absent), "" and [] are empty. IS NULL holds for empty, IS NOT NULL for anything else, and every
 *   other clause is FALSE for empty, negated operators included (§2.1: NOT EQUALS on an empty attribute puts
 *   the object out of scope).
 * - Scalars compare as Entra renders them: text as is, numbers in decimal, booleans as True/False. Text
 *   comparisons are ordinal and case-sensitive. A multi-valued or complex attribute cannot be filtered on
 *   (§2.3), so only IS NULL / IS NOT NULL see it; every other clause is false.
 * - Several values in targetOperand.values: a positive operator holds when any value does; NOT EQUALS,
 *   NOT REGEX MATCH and !& hold when their positive form holds for none. With one value, as in every Microsoft
 *   example, this is just the documented operator. (unverified: Microsoft documents only single values.)
 * - Greater_Than(_OR_EQUALS): both sides non-negative integers, else false (§2.2). Compared as BigInt so
 *   long identifiers such as workerIDs keep every digit.
 * - `&` / `!&`: documented only as "the evaluated attribute exists in the input string value", and flagged
 *   unverified (§2.2). The operator's name and its use on flag attributes such as userAccountControl say
 *   bitwise AND, so when both sides are non-negative integers it holds when (attribute AND value) is
 *   non-zero, i.e. some bit of the mask is set (for the usual single-bit masks this equals "all bits set").
 *   Otherwise it follows Microsoft's sentence literally: the attribute's text occurs in the value's text
 *   (the reverse of Includes). This keeps exported Entra filters importable whichever reading they rely on.
 */
export function compileScopingClause(clause: ScopingClause): ClausePredicate {
  const values = clause.targetOperand.values;
  switch (clause.operatorName) {
    case 'IS NULL':
      return (value) => isEmpty(value);
    case 'IS NOT NULL':
      return (value) => !isEmpty(value);
    case 'IS TRUE':
      return onScalar((_, raw) => booleanOf(raw) === true);
    case 'IS FALSE':
      return onScalar((_, raw) => booleanOf(raw) === false);
    case 'EQUALS':
      return onScalar((text) => values.includes(text));
    case 'NOT EQUALS':
      return onScalar((text) => !values.includes(text));
    case 'Includes':
      return onScalar((text) => values.some((v) => text.includes(v)));
    case 'ENDS_WITH':
      return onScalar((text) => values.some((v) => text.endsWith(v)));
    case 'REGEX MATCH': {
      const regexes = compileRegexes(clause);
      return onScalar((text) => regexes.some((r) => r.test(text)));
    }
    case 'NOT REGEX MATCH': {
      const regexes = compileRegexes(clause);
      return onScalar((text) => !regexes.some((r) => r.test(text)));
    }
    case 'Greater_Than': {
      const limits = integersOf(values);
      return onScalar((text) => compareInteger(text, limits, (a, b) => a > b));
    }
    case 'Greater_Than_OR_EQUALS': {
      const limits = integersOf(values);
      return onScalar((text) => compareInteger(text, limits, (a, b) => a >= b));
    }
    case '&':
      return onScalar((text) => values.some((v) => bitwiseOrContained(text, v)));
    case '!&':
      return onScalar((text) => !values.some((v) => bitwiseOrContained(text, v)));
  }
}

type Scalar = string | number | boolean;

function isEmpty(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Wraps a test of a non-empty scalar's text; empty and non-scalar values make the clause false. */
function onScalar(test: (text: string, raw: Scalar) => boolean): ClausePredicate {
  return (value) => {
    if (isEmpty(value) || value === undefined || value === null || typeof value === 'object') return false;
    return test(typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value), value);
  };
}

/** .NET Boolean.TryParse: "true"/"false" in any case, surrounding white space ignored; JSON booleans as they are. */
function booleanOf(raw: Scalar): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return null;
  const text = raw.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

const NON_NEGATIVE_INTEGER = /^\d+$/;

function integersOf(values: readonly string[]): bigint[] {
  return values.filter((v) => NON_NEGATIVE_INTEGER.test(v)).map((v) => BigInt(v));
}

function compareInteger(text: string, limits: readonly bigint[], holds: (a: bigint, b: bigint) => boolean): boolean {
  if (!NON_NEGATIVE_INTEGER.test(text)) return false;
  const number = BigInt(text);
  return limits.some((limit) => holds(number, limit));
}

function bitwiseOrContained(text: string, operand: string): boolean {
  if (NON_NEGATIVE_INTEGER.test(text) && NON_NEGATIVE_INTEGER.test(operand)) return (BigInt(text) & BigInt(operand)) !== 0n;
  return operand.includes(text);
}

function compileRegexes(clause: ScopingClause): RegExp[] {
  return clause.targetOperand.values.map((pattern, index) => {
    try {
      return compileDotNetRegex(pattern);
    } catch (error) {
      // Saved jobs are validated (validateJobDefinition), so this means a job that bypassed validation.
      // Failing the object is safe; treating the clause as false would push objects out of scope.
      throw new PermanentError(`Scoping clause '${clause.sourceOperandName} ${clause.operatorName}' value ${index}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
}
