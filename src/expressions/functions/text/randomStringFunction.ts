import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import type { EvaluationEnvironment } from '../../evaluationEnvironment';
import type { ExpressionFunction } from '../../expressionFunction';
import { toText } from '../../expressionValue';
import { integerArgument } from './textArguments';

/** The special characters of Windows' "password must meet complexity requirements" policy. */
export const WINDOWS_SPECIAL_CHARACTERS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';

const CLASSES = [
  { parameter: 'MinimumNumbers', characters: '0123456789' },
  { parameter: 'MinimumSpecialCharacters', characters: WINDOWS_SPECIAL_CHARACTERS },
  { parameter: 'MinimumCapital', characters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  { parameter: 'MinimumLowerCase', characters: 'abcdefghijklmnopqrstuvwxyz' },
] as const;

const MAX_LENGTH = 256;

const pick = (characters: string, env: EvaluationEnvironment): string => characters[Math.floor(env.random() * characters.length)] ?? '';

/**
 * RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase,
 * CharactersToAvoid?) (reference §1.2). Each minimum is met from its own class; the characters beyond the
 * minimums come only from the classes that have a minimum above 0, so RandomString(8, 3, 0, 0, 3) never
 * contains a special character; with every minimum 0 they come from all four classes. The result is shuffled
 * so the classes do not sit in blocks. Randomness comes from `env` (DESIGN principle 2).
 */
export const RandomString: ExpressionFunction = {
  minArgs: 5,
  maxArgs: 6,
  invoke: ([length = null, ...rest], env) => {
    const size = integerArgument('RandomString', 'Length', length);
    const avoid = new Set(toText(rest[4] ?? null) ?? '');
    const classes = CLASSES.map((cls, index) => ({
      ...cls,
      minimum: integerArgument('RandomString', cls.parameter, rest[index] ?? null),
      allowed: [...cls.characters].filter((c) => !avoid.has(c)).join(''),
    }));
    const fail = (problem: string): never => {
      throw new ExpressionEvaluationError(`RandomString: ${problem}`);
    };
    if (size < 0 || size > MAX_LENGTH) fail(`Length must be between 0 and ${MAX_LENGTH}, got ${size}`);
    for (const cls of classes) {
      if (cls.minimum < 0) fail(`${cls.parameter} must not be negative, got ${cls.minimum}`);
      if (cls.minimum > 0 && cls.allowed === '') fail(`CharactersToAvoid leaves no characters for ${cls.parameter}`);
    }
    const required = classes.reduce((sum, cls) => sum + cls.minimum, 0);
    if (size < required) fail(`Length ${size} is less than the sum of the minimums (${required})`);
    const demanded = classes.filter((cls) => cls.minimum > 0);
    const filler = (demanded.length > 0 ? demanded : classes).map((cls) => cls.allowed).join('');
    if (size > required && filler === '') fail('CharactersToAvoid leaves no characters to choose from');

    const chars = classes.flatMap((cls) => Array.from({ length: cls.minimum }, () => pick(cls.allowed, env)));
    while (chars.length < size) chars.push(pick(filler, env));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = Math.floor(env.random() * (i + 1));
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    return chars.join('');
  },
};
