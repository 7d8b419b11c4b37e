import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import type { ExpressionFunction } from '../../expressionFunction';
import { toText, type ExpressionValue } from '../../expressionValue';
import { changeCase } from './simpleCaseMapping';
import { integerArgument } from './textArguments';

/** VB's compare constants, by name (as the evaluator passes identifiers) or by value (vbBinaryCompare = 0). */
function isTextCompare(compareType: ExpressionValue): boolean {
  const name = toText(compareType)?.trim() ?? null;
  if (name === null || name === 'vbBinaryCompare' || name === '0') return false;
  if (name === 'vbTextCompare' || name === '1') return true;
  throw new ExpressionEvaluationError(`InStr: compareType must be vbBinaryCompare or vbTextCompare, got '${name}'`);
}

/**
 * InStr(value1, value2, start?, compareType?) with VB's rules (reference §1.2): the 1-based position of value2
 * in value1 from `start`, or 0. The reference marks "0 when not found" unverified; it is VB's answer and the
 * only one that keeps the result a number. Also from VB: an empty or NULL value1 gives 0, a start past the end
 * gives 0, an empty or NULL value2 gives `start`, a start below 1 is an error. Binary compare is the default.
 */
export const InStr: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 4,
  invoke: ([value1 = null, value2 = null, start = null, compareType = null]) => {
    const from = start === null ? 1 : integerArgument('InStr', 'start', start);
    if (from < 1) throw new ExpressionEvaluationError(`InStr: start must be 1 or more, got ${from}`);
    const textCompare = isTextCompare(compareType);
    const haystack = toText(value1) ?? '';
    const needle = toText(value2) ?? '';
    if (haystack === '' || from > haystack.length) return 0;
    if (needle === '') return from;
    const fold = (text: string): string => (textCompare ? changeCase(text, 'lower') : text);
    return fold(haystack).indexOf(fold(needle), from - 1) + 1;
  },
};
