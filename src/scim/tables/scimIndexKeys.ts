import { ValidationError } from '../../domain/errors';

/** Table keys may not contain `/ \ # ?` or control characters; those and `%` become `%XX`. */
const ESCAPED = /[%/\\#?\u0000-\u001f\u007f-\u009f]/g;
/** 1 KiB of UTF-16 per key. */
const MAX_KEY_CHARS = 512;

function escapeKey(value: string): string {
  return value.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function checked(key: string, attribute: string): string {
  if (key.length > MAX_KEY_CHARS) {
    throw new ValidationError([{ path: attribute, message: `is too long to index (${key.length} characters once escaped, at most ${MAX_KEY_CHARS})` }], {
      scimType: 'invalidValue',
    });
  }
  return key;
}

/** PartitionKey of a user's row: its id. */
export function userPartitionKey(id: string): string {
  return checked(escapeKey(id), 'id');
}

/** The one index row that reserves a userName; lowercased because userName is unique case-insensitively. */
export function userNameIndexKey(userName: string): string {
  return checked(`userName|${escapeKey(userName.toLowerCase())}`, 'userName');
}

/** The partition of index rows (RowKey = user id) for one externalId, which is case-exact and need not be unique. */
export function externalIdIndexKey(externalId: string): string {
  return checked(`externalId|${escapeKey(externalId)}`, 'externalId');
}
