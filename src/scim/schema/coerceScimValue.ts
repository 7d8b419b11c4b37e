import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import type { PreparationIssues } from './preparationIssues';
import type { ScimAttributeDefinition } from './scimAttributeDefinition';

// RFC 7643 §2.3.5: xsd:dateTime, e.g. 2008-01-23T04:56:22Z; the offset is optional in XML Schema.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
// RFC 7643 §2.3.6: base64 (RFC 4648 §4), with padding.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The value to store for one attribute, type-checked against its definition, or undefined when it is
 * unassigned (RFC 7643 §2.5: null and an empty array mean "no value", as Entra's `"roles": []` does).
 * Values are kept exactly as sent (Entra asks for that, reference §2.1) except for two shapes: booleans
 * sent as "True"/"False" strings become booleans (reference §2.8), and sub-attribute names take the
 * schema's spelling (RFC 7643 §2.1 makes them case-insensitive). readOnly sub-attributes are dropped
 * (RFC 7643 §2.2), unknown ones are dropped and noted.
 */
export function coerceScimValue(definition: ScimAttributeDefinition, value: JsonValue, path: string, issues: PreparationIssues): JsonValue | undefined {
  if (value === null) return undefined;
  if (!definition.multiValued) {
    if (Array.isArray(value)) {
      issues.add(path, 'is single-valued: send one value, not an array');
      return undefined;
    }
    return coerceOne(definition, value, path, issues);
  }
  if (!Array.isArray(value)) {
    // RFC 7643 §2.4: multi-valued attributes are JSON arrays, even with one value.
    issues.add(path, 'is multi-valued: send an array of values');
    return undefined;
  }
  const values: JsonValue[] = [];
  value.forEach((item, index) => {
    if (item === null) return;
    const coerced = coerceOne(definition, item, `${path}[${index}]`, issues);
    if (coerced !== undefined) values.push(coerced);
  });
  if (definition.type === 'complex' && values.filter((v) => isJsonObject(v) && v.primary === true).length > 1) {
    issues.add(path, 'has more than one value with "primary": true (RFC 7643 §2.4 allows one)');
  }
  return values.length === 0 ? undefined : values;
}

function coerceOne(definition: ScimAttributeDefinition, value: JsonValue, path: string, issues: PreparationIssues): JsonValue | undefined {
  const fail = (expected: string): undefined => {
    issues.add(path, `must be ${expected}, not ${describe(value)}`);
    return undefined;
  };
  switch (definition.type) {
    case 'string':
    case 'reference':
      return typeof value === 'string' ? value : fail('a string');
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(?:true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
      return fail('a boolean');
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : fail('an integer');
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('a number');
    case 'dateTime':
      return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? value : fail('an ISO 8601 date and time such as 2025-01-23T04:56:22Z');
    case 'binary':
      return typeof value === 'string' && BASE64.test(value.replace(/\s+/g, '')) ? value : fail('base64 text');
    case 'complex':
      return isJsonObject(value) ? coerceComplex(definition, value, path, issues) : fail('an object');
  }
}

function coerceComplex(definition: ScimAttributeDefinition, value: JsonObject, path: string, issues: PreparationIssues): JsonObject | undefined {
  const out: JsonObject = {};
  const subAttributes = definition.subAttributes ?? [];
  for (const [key, subValue] of Object.entries(value)) {
    const sub = subAttributes.find((s) => s.name.toLowerCase() === key.toLowerCase());
    if (!sub) {
      issues.ignore(`${path}.${key}`);
      continue;
    }
    if (sub.mutability === 'readOnly') continue;
    const coerced = coerceScimValue(sub, subValue, `${path}.${sub.name}`, issues);
    if (coerced !== undefined) out[sub.name] = coerced;
  }
  for (const sub of subAttributes) {
    if (sub.required && sub.mutability !== 'readOnly' && out[sub.name] === undefined) issues.add(`${path}.${sub.name}`, 'is required');
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function describe(value: JsonValue): string {
  if (Array.isArray(value)) return 'an array';
  if (isJsonObject(value)) return 'an object';
  return JSON.stringify(value);
}
