import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import type { ExpressionFunction } from '../../expressionFunction';
import { toText } from '../../expressionValue';
import { integerArgument, mapText } from './textArguments';

/*
 * Positions count UTF-16 code units, as .NET strings do, so a character outside the Basic Multilingual Plane
 * (an emoji) counts as two.
 */

/** Left(string, numChars): 0 → "", negative → the input unchanged, NULL → "" (reference §1.2). */
export const Left: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 2,
  invoke: ([source = null, numChars = null]) => {
    const count = integerArgument('Left', 'numChars', numChars);
    return mapText(source, '', (text) => (count < 0 ? text : text.slice(0, count)));
  },
};

/**
 * Mid(source, start, length): from the 1-based start, up to the end when start+length runs past it
 * (reference §1.2). Not documented, decided here: NULL → "" as for Left (both are VB's Strings functions,
 * which treat Nothing as ""); a start past the end → ""; a start below 1 or a negative length is an error,
 * as in VB, since no sensible text follows from it.
 */
export const Mid: ExpressionFunction = {
  minArgs: 3,
  maxArgs: 3,
  invoke: ([source = null, start = null, length = null]) => {
    const from = integerArgument('Mid', 'start', start);
    const count = integerArgument('Mid', 'length', length);
    if (from < 1) throw new ExpressionEvaluationError(`Mid: start must be 1 or more, got ${from}`);
    if (count < 0) throw new ExpressionEvaluationError(`Mid: length must not be negative, got ${count}`);
    return mapText(source, '', (text) => text.slice(from - 1, from - 1 + count));
  },
};

/**
 * Word(string, wordNumber, delimiters): the wordNumber-th (1-based) word, words being split at any character
 * of delimiters; wordNumber < 1, NULL or too few words → "" (reference §1.2). Not documented, decided here:
 * runs of delimiters count as one break (a word is never empty), so "a  b" has the second word "b"; NULL or ""
 * delimiters make the whole string one word.
 */
export const Word: ExpressionFunction = {
  minArgs: 3,
  maxArgs: 3,
  invoke: ([source = null, wordNumber = null, delimiters = null]) => {
    const n = integerArgument('Word', 'wordNumber', wordNumber);
    const breaks = new Set(toText(delimiters) ?? '');
    return mapText(source, '', (text) => {
      if (n < 1) return '';
      const words: string[] = [];
      let current = '';
      for (const char of text) {
        if (!breaks.has(char)) {
          current += char;
        } else if (current !== '') {
          words.push(current);
          current = '';
        }
      }
      if (current !== '') words.push(current);
      return words[n - 1] ?? '';
    });
  },
};
