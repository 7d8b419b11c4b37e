import { DIACRITICS_TABLE, DROPPED_COMBINING_MARKS } from './diacriticsTable';

/** Replaces accented characters by the table of reference §1.5; every other character is kept. */
export function normalizeDiacritics(text: string): string {
  let result = '';
  let afterLatinLetter = false;
  for (const char of text) {
    if (afterLatinLetter && DROPPED_COMBINING_MARKS.has(char)) continue;
    const replacement = DIACRITICS_TABLE.get(char);
    result += replacement ?? char;
    afterLatinLetter = replacement !== undefined || /^[A-Za-z]$/.test(char);
  }
  return result;
}
