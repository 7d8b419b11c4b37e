import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import type { ExpressionFunction } from '../../expressionFunction';
import { isNullOrEmpty, toText, type ExpressionValue } from '../../expressionValue';
import { expandSubstitution } from './dotNetSubstitution';
import { mapText, requiredText } from './textArguments';
import { translateDotNetRegex, type DotNetRegex } from '../../translateDotNetRegex';

/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template),
 * case-sensitive, in the five modes of reference §1.2 "Replace modes", chosen by which slots are filled.
 * A NULL source yields NULL (nothing to flow) except in the fallback mode, which exists for a source without a
 * value. Each value of a multi-valued source is replaced on its own.
 *
 * The regex modes follow literal .NET Regex.Replace. The reference's example `"[()\\s-]+"` on
 * "+1 (999) 888-7777" is documented as "19998887777", but .NET keeps the "+" (it is not in the class), so
 * idbridge returns "+19998887777" as Entra's engine would.
 */
export const Replace: ExpressionFunction = {
  // Every Microsoft example spells all seven slots, empty ones included (reference §1.2, §1.6).
  minArgs: 7,
  maxArgs: 7,
  invoke: ([source = null, oldValue = null, pattern = null, groupName = null, replacement = null, fallback = null, template = null]) => {
    const filled = (value: ExpressionValue): boolean => value !== null;
    const unexpected = (slots: Record<string, ExpressionValue>): void => {
      const extra = Object.keys(slots).filter((name) => filled(slots[name] ?? null));
      if (extra.length > 0) fail(`${extra.join(' and ')} cannot be combined with the other arguments given`);
    };
    if (!filled(pattern)) {
      const find = requiredText('Replace', 'oldValue (or regexPattern)', oldValue);
      if (find === '') fail('oldValue must not be empty');
      unexpected({ regexGroupName: groupName, replacementAttributeName: fallback });
      if (filled(replacement) && !filled(template)) {
        const by = toText(replacement) ?? '';
        return mapText(source, null, (text) => text.split(find).join(by));
      }
      if (filled(template) && !filled(replacement)) {
        const into = toText(template) ?? '';
        return mapText(source, null, (text) => into.split(find).join(text));
      }
      return fail('give either replacementValue or template with oldValue (a NULL attribute there counts as not given)');
    }
    unexpected({ oldValue, template });
    const regex = translateDotNetRegex('Replace', requiredText('Replace', 'regexPattern', pattern));
    if (!filled(groupName)) {
      unexpected({ replacementAttributeName: fallback });
      if (!filled(replacement)) fail('regexPattern needs a replacementValue');
      const by = toText(replacement) ?? '';
      return mapText(source, null, (text) => replaceMatches(text, regex, (match) => expandSubstitution(by, match, text, regex)));
    }
    const groupIndex = regex.groupIndexByName.get(toText(groupName) ?? '');
    if (groupIndex === undefined) return fail(`regexGroupName '${toText(groupName)}' is not a named group of the pattern`);
    if (filled(replacement)) {
      unexpected({ replacementAttributeName: fallback });
      const by = toText(replacement) ?? '';
      return mapText(source, null, (text) => replaceGroup(text, regex, groupIndex, by));
    }
    // Fallback mode. An empty replacementAttributeName slot and a NULL attribute look alike here; both leave
    // the source as it is.
    if (!isNullOrEmpty(source)) return source;
    const other = toText(fallback);
    if (other === null) return source;
    regex.regex.lastIndex = 0;
    const match = regex.regex.exec(other);
    // .NET's Group.Value is "" when the pattern or the group did not match.
    return match?.[groupIndex] ?? '';
  },
};

function fail(problem: string): never {
  throw new ExpressionEvaluationError(`Replace: ${problem}`);
}

function replaceMatches(text: string, regex: DotNetRegex, expand: (match: RegExpMatchArray) => string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(regex.regex)) {
    const start = match.index ?? 0;
    result += text.slice(last, start) + expand(match);
    last = start + match[0].length;
  }
  return result + text.slice(last);
}

/** Replaces only the text each match captured in the named group; the rest of the match is kept. */
function replaceGroup(text: string, regex: DotNetRegex, groupIndex: number, by: string): string {
  return replaceMatches(text, regex, (match) => {
    const span = match.indices?.[groupIndex];
    const start = match.index ?? 0;
    if (!span) return match[0];
    return match[0].slice(0, span[0] - start) + by + match[0].slice(span[1] - start);
  });
}
