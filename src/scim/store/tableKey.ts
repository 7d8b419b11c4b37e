import { ValidationError } from '../../domain/errors';

/** Table keys may not contain `/ \ # ?` or control characters; those and `%` become `%XX`. */
const ESCAPED = /[%/\\#?\u0000-\u001f\u007f-\u009f]/g;
/** A key holds at most 1 KiB of UTF-16. */
const MAX_KEY_CHARS = 512;

/** A value made safe for a PartitionKey/RowKey; ValidationError(invalidValue) when too long to index. */
export function tableKey(value: string, attribute: string): string {
  const key = value.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (key.length > MAX_KEY_CHARS) {
    throw new ValidationError([{ path: attribute, message: `is too long to store (${key.length} characters once escaped, at most ${MAX_KEY_CHARS})` }], {
      scimType: 'invalidValue',
    });
  }
  return key;
}
