import { ValidationError } from '../../domain/errors';

/**
 * PartitionKey and RowKey may not contain `/ \ # ?` or control characters (U+0000-U+001F, U+007F-U+009F)
 * and may be at most 1 KiB. Keys are escaped percent-style: only those characters, `%` itself and the
 * component separator `|` become `%XX`, so ordinary keys stay readable in Storage Explorer and
 * `decodeTableKey(encodeTableKey(k)) === k` for every string.
 */
const ESCAPED = /[%|/\\#?\u0000-\u001f\u007f-\u009f]/g;

/**
 * 1 KiB of UTF-16. Some documentation says 1,024 characters; we keep to the stricter reading because a
 * key the service rejects fails a whole staging transaction.
 */
export const MAX_TABLE_KEY_CHARS = 512;

export function encodeTableKey(value: string): string {
  return value.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function decodeTableKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Joins escaped components with `|`: unambiguous because `|` inside a component is escaped. */
export function compositeTableKey(...parts: readonly string[]): string {
  const key = parts.map(encodeTableKey).join('|');
  if (key.length > MAX_TABLE_KEY_CHARS) {
    throw new ValidationError([{ path: 'key', message: `is ${key.length} characters once escaped; Table Storage keys hold at most ${MAX_TABLE_KEY_CHARS}` }]);
  }
  return key;
}

export function splitCompositeTableKey(key: string): string[] {
  return key.split('|').map(decodeTableKey);
}
