import type { ScimLiteral } from './scimPath';
import type { ScimTextReader } from './scimTextReader';

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Reads a compValue (RFC 7644 §3.4.2.2): a JSON string, true, false, null or a number.
 * `allowBareWords` accepts an unquoted word as a string, because an old Entra example sends
 * `externalId eq jyoung`; it is meant for list filters only.
 */
export function readScimLiteral(reader: ScimTextReader, allowBareWords = false): ScimLiteral {
  const start = reader.pos;
  if (reader.peek() === '"') return readString(reader);
  const word = reader.readUntil('[]()"');
  if (word === '') reader.fail(`expected a value (a quoted string, true, false, null or a number) but found ${reader.describeHere()}`, start);
  const lower = word.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (NUMBER.test(word)) {
    const number = Number(word);
    // JSON numbers are finite (RFC 8259 §6); -0 reads as 0 so that a value prints back as it was read.
    if (!Number.isFinite(number)) reader.fail(`the number "${word}" is out of range`, start);
    return number === 0 ? 0 : number;
  }
  if (allowBareWords) return word;
  return reader.fail(`expected a value (a quoted string, true, false, null or a number) but found "${word}"`, start);
}

function readString(reader: ScimTextReader): string {
  const start = reader.pos;
  reader.pos++; // opening quote
  while (!reader.done) {
    const ch = reader.peek();
    if (ch === '\\') {
      reader.pos += 2;
      continue;
    }
    reader.pos++;
    if (ch === '"') {
      // The value grammar is JSON's (RFC 7644 §3.4.2.2), so JSON decodes the escapes.
      try {
        return JSON.parse(reader.text.slice(start, reader.pos)) as string;
      } catch {
        return reader.fail('invalid escape sequence in the string that starts', start);
      }
    }
  }
  return reader.fail('unterminated string that starts', start);
}
