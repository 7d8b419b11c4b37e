import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';

const ASCII = /^[\x00-\x7f]*$/;

/**
 * .NET's ToLower/ToUpper map one UTF-16 character to one (simple case mapping): "ß" stays "ß" and final
 * sigma is not special. JavaScript's full mapping may change lengths ("ß" → "SS"), so each code point is
 * mapped on its own and kept unchanged when its full mapping is not a single code point.
 */
export function changeCase(text: string, direction: 'lower' | 'upper', culture?: string): string {
  // ASCII maps one to one in every culture but Turkish/Azeri (i/I): the whole string at once is exact.
  if (ASCII.test(text) && (culture === undefined || !/^(tr|az)\b/i.test(culture))) return direction === 'lower' ? text.toLowerCase() : text.toUpperCase();
  let result = '';
  for (const char of text) {
    const mapped =
      direction === 'lower'
        ? culture === undefined ? char.toLowerCase() : char.toLocaleLowerCase(culture)
        : culture === undefined ? char.toUpperCase() : char.toLocaleUpperCase(culture);
    result += [...mapped].length === 1 ? mapped : char;
  }
  return result;
}

/**
 * An RFC 4646 culture name (reference §1.2 ToLower: `en-US`, `ja-JP`); NULL or "" means invariant.
 * A malformed or unsupported culture fails the expression instead of quietly falling back.
 */
export function cultureArgument(functionName: string, culture: string | null): string | undefined {
  if (culture === null || culture.trim() === '') return undefined;
  let canonical: string[];
  try {
    canonical = Intl.getCanonicalLocales(culture.trim());
  } catch {
    throw new ExpressionEvaluationError(`${functionName}: '${culture}' is not an RFC 4646 culture name such as en-US`);
  }
  const supported = Intl.Collator.supportedLocalesOf(canonical);
  if (supported.length === 0) throw new ExpressionEvaluationError(`${functionName}: culture '${culture}' is not known`);
  return supported[0];
}
