import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import { scimBadResponse } from './scimBadResponse';

/** The JSON object in a 2xx body; anything else (HTML from a proxy, truncated JSON) is a bad response. */
export function parseScimJson(bodyText: string, operation: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch (error) {
    throw scimBadResponse(`the answer to ${operation} is not JSON: ${snippet(bodyText)}`, error);
  }
  if (!isJsonObject(parsed)) throw scimBadResponse(`the answer to ${operation} is not a JSON object: ${snippet(bodyText)}`);
  return parsed;
}

function snippet(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '(empty body)';
  return JSON.stringify(trimmed.length > 120 ? `${trimmed.slice(0, 120)}…` : trimmed);
}
