/**
 * NormalizeDiacritics' replacement table (reference §1.5), lower-case results with the characters that map
 * to them. Upper-case forms map to the upper-case result ("Æ" → "AE", "ẞ" → "SS"); they are derived below
 * so the table is written once, as the reference prints it.
 */
const LOWER_CASE_TABLE: ReadonlyArray<readonly [result: string, characters: string]> = [
  ['a', 'äàâãåáąăā'],
  ['ae', 'æǣ'],
  ['c', 'çčć'],
  ['d', 'ďḏ'],
  ['e', 'ëèéêęěėē'],
  ['g', 'ğ'],
  ['i', 'ïîìíıī'],
  ['l', 'ľł'],
  ['n', 'ñńňṉ'],
  ['o', 'öòőõôóō'],
  // The reference lists "œ̄" (œ with a combining macron); the macron is dropped as a combining mark (below),
  // so the plain ligature that names actually contain is the table entry.
  ['oe', 'øœ'],
  ['r', 'ř'],
  ['ss', 'ß'],
  ['s', 'šśșş'],
  ['t', 'ťț'],
  ['u', 'üùûúůűū'],
  ['y', 'ÿýȳ'],
  ['z', 'źžż'],
];

/**
 * Combining marks the function page lists on top of table letters (ā́, a̱, œ̄): acute, macron, macron below.
 * They are removed when they follow a Latin letter, so "a" + U+0331 becomes "a".
 */
export const DROPPED_COMBINING_MARKS: ReadonlySet<string> = new Set(['\u0301', '\u0304', '\u0331']);

function buildTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [result, characters] of LOWER_CASE_TABLE) {
    for (const char of characters) {
      table.set(char, result);
      const upper = char.toUpperCase();
      // ı's upper case is plain "I" and ß's is "SS": neither is an accented capital to replace.
      if ([...upper].length === 1 && upper !== char && !/^[A-Z]$/.test(upper)) table.set(upper, result.toUpperCase());
    }
  }
  table.set('\u1E9E', 'SS'); // ẞ, the capital sharp s, which "ß".toUpperCase() does not produce
  // İ is the Turkish capital of which ı is the partner; the reference's "upper-case forms" rule covers it.
  table.set('\u0130', 'I');
  return table;
}

/** Accented character → replacement, both cases. */
export const DIACRITICS_TABLE: ReadonlyMap<string, string> = buildTable();
