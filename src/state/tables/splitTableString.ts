import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';

/**
 * Splits text into pieces that each fit a Table string property, never between the two halves of a
 * surrogate pair: each piece travels as UTF-8 on its own, and half a pair is not valid UTF-16 (Azurite
 * stores it; the service may replace it with U+FFFD, corrupting the JSON that the pieces rejoin into).
 */
export function splitTableString(text: string, maxChars: number = MAX_TABLE_STRING_CHARS): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + maxChars, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces.length > 0 ? pieces : [''];
}
