/**
 * A SCIM filter `<path> eq "<value>"` (RFC 7644 §3.4.2.2). The value is a JSON string literal (RFC 7644
 * uses JSON's string grammar), so backslash and double quote are escaped; without this a value like
 * `O"Brien` would end the literal early and the target would read a different filter.
 */
export function scimEqualityFilter(attributePath: string, value: string): string {
  return `${attributePath} eq "${escapeScimFilterString(value)}"`;
}

function escapeScimFilterString(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`);
}
