import { changeCase } from './simpleCaseMapping';

/**
 * Categories that end a word in .NET's TextInfo.ToTitleCase: separators, control and format characters,
 * punctuation and symbols (reference §1.2 PCase). Letters, marks and numbers stay inside a word.
 */
const DOTNET_WORD_SEPARATOR = /^[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]$/u;
const LETTER = /^\p{L}$/u;

/** Title-case forms that differ from upper case: the Latin digraph letters DŽ, LJ, NJ, DZ. */
const TITLE_CASE: ReadonlyMap<string, string> = new Map([
  ['\u01C4', '\u01C5'], ['\u01C5', '\u01C5'], ['\u01C6', '\u01C5'],
  ['\u01C7', '\u01C8'], ['\u01C8', '\u01C8'], ['\u01C9', '\u01C8'],
  ['\u01CA', '\u01CB'], ['\u01CB', '\u01CB'], ['\u01CC', '\u01CB'],
  ['\u01F1', '\u01F2'], ['\u01F2', '\u01F2'], ['\u01F3', '\u01F2'],
]);

const toTitle = (char: string): string => TITLE_CASE.get(char) ?? changeCase(char, 'upper');

/**
 * PCase without word separators. The text is lower-cased first: .NET's ToTitleCase alone keeps all-caps words
 * as acronyms, yet the documented "PABLO GONSALVES (SECOND)" → "Pablo Gonsalves (Second)" shows they are not
 * kept (reference §1.2, marked unverified there; this is the reading that fits the example).
 * As in ToTitleCase, a word starts at a letter only ("1st" → "1St") and the apostrophe does not break a word
 * ("o'neil" → "O'neil").
 */
export function titleCaseDotNet(text: string): string {
  let result = '';
  let inWord = false;
  for (const char of changeCase(text, 'lower')) {
    if (inWord) {
      inWord = char === "'" || !DOTNET_WORD_SEPARATOR.test(char);
      result += char;
    } else if (LETTER.test(char)) {
      inWord = true;
      result += toTitle(char);
    } else {
      result += char;
    }
  }
  return result;
}

/** PCase with word separators: only those characters break words; each word's first character is capitalised. */
export function titleCaseWithSeparators(text: string, separators: string): string {
  const breaks = new Set(separators);
  let result = '';
  let atWordStart = true;
  for (const char of changeCase(text, 'lower')) {
    const isBreak = breaks.has(char);
    result += atWordStart && !isBreak ? toTitle(char) : char;
    atWordStart = isBreak;
  }
  return result;
}
