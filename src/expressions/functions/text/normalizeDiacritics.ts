import { DIACRITICS_TABLE, DROPPED_COMBINING_MARKS } from './diacriticsTable';

const ASCII = /^[\x00-\x7f]*$/;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Replaces accented characters by the table of reference §1.5; every other character is kept. */
export function normalizeDiacritics(text: string): string {
  // Most names are plain ASCII: nothing to replace, and this runs for every object.
  if (ASCII.test(text)) return text;
  let result = '';
  let afterLatinLetter = false;
  for (const char of text) {
    if (afterLatinLetter && DROPPED_COMBINING_MARKS.has(char)) continue;
    const replacement = DIACRITICS_TABLE.get(char);
    result += replacement ?? char;
    afterLatinLetter = replacement !== undefined || isAsciiLetter(char.charCodeAt(0));
  }
  return result;
}
