/**
 * Values that flow through expressions. NULL (an absent attribute) is `null` and differs from "" (a value),
 * as in Entra. Multi-valued attributes are arrays. Booleans produced by functions are the strings
 * "True"/"False", which is how Entra renders them.
 */
export type ExpressionValue = string | number | boolean | null | ExpressionValue[] | { [key: string]: ExpressionValue };

export function isNull(value: ExpressionValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

export function isNullOrEmpty(value: ExpressionValue): boolean {
  return isNull(value) || value === '';
}

/** Entra's string rendering of a scalar: booleans as True/False. */
export function toText(value: ExpressionValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? null : toText(value[0] ?? null);
  return JSON.stringify(value);
}

export function fromBoolean(flag: boolean): string {
  return flag ? 'True' : 'False';
}
