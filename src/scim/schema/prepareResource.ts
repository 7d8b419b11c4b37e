import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import { SCIM_CORE_GROUP, SCIM_ENTERPRISE_USER } from '../scimSchemas';
import { coerceScimValue } from './coerceScimValue';
import { PreparationIssues } from './preparationIssues';
import type { ScimAttributeDefinition, ScimSchemaDefinition } from './scimAttributeDefinition';
import { scimCommonAttributes } from './scimCommonAttributes';
import { ENTRA_GROUP_SCHEMA } from './scimSchemaUrns';
import type { ScimSchemaRegistry } from './scimSchemaRegistry';
import { scimValuesEqual } from './scimValuesEqual';

export interface PrepareResourceOptions {
  /** create = POST (RFC 7644 §3.3); replace = PUT (RFC 7644 §3.5.1), which needs `existing`. */
  mode: 'create' | 'replace';
  /** The stored resource a replace overwrites: its readOnly values are kept, its immutable ones enforced. */
  existing?: JsonObject;
  /**
   * Reject extension attributes whose URN is missing from `schemas` (RFC 7643 §3). Off by default because
   * Entra never lists custom extension URNs (reference §2.8); the stored `schemas` is rebuilt either way.
   */
  requireExtensionUrns?: boolean;
}

export interface PreparedResource {
  /** What to store: known attributes only, names in the schema's spelling, `schemas` listing the core schema and every extension present. */
  resource: JsonObject;
  /** Paths of what the client sent that no schema of the resource type defines, and were dropped (RFC 7644 §3.3 lets the service ignore them). */
  ignored: string[];
}

interface Placed {
  schema: ScimSchemaDefinition;
  attribute: ScimAttributeDefinition;
}

/**
 * Validates a client's resource for a create or replace against the registry, and returns what to store.
 * Throws ValidationError listing every problem:
 * - type checks per RFC 7643 §2.3; a multi-valued attribute must be an array (§2.4);
 * - required attributes (userName, Group displayName) must have a non-empty value → invalidValue;
 * - readOnly attributes (id, meta, groups) sent by the client are ignored (RFC 7643 §2.2), and on replace
 *   the stored ones are kept;
 * - immutable attributes may be set on create, or on replace when unset; changing one → mutability
 *   (RFC 7644 §3.5.1); one left out of a replace keeps its stored value;
 * - `schemas` must be an array listing the core schema → invalidSyntax; Entra's ADSCIM group URN counts
 *   as the core Group URN and URNs of unknown schemas are dropped (reference §2.6, §2.8);
 * - unknown attributes are dropped and named in `ignored` rather than rejected: RFC 7644 §3.3 allows it,
 *   and clients such as Entra send attributes an app does not define;
 * - the enterprise `manager` sent as the manager's id string becomes `{ value }` (reference §2.6, §2.8).
 * Extension attributes may come nested under their URN or flat as `"<urn>:<attribute>"` keys.
 */
export function prepareResource(registry: ScimSchemaRegistry, resourceType: string, body: unknown, options: PrepareResourceOptions): PreparedResource {
  if (!isJsonObject(body)) throw new ValidationError([{ path: '', message: 'the body must be a JSON object' }], { scimType: 'invalidSyntax' });
  const { core, extensions } = registry.schemasOf(resourceType);
  const issues = new PreparationIssues();
  const listed = readSchemas(body, core, extensions, issues);

  const coreValues: JsonObject = {};
  const extensionValues = new Map<ScimSchemaDefinition, JsonObject>();
  const valuesOf = (schema: ScimSchemaDefinition): JsonObject => {
    if (schema === core) return coreValues;
    let values = extensionValues.get(schema);
    if (!values) extensionValues.set(schema, (values = {}));
    return values;
  };
  const place = (placed: Placed, value: JsonValue, path: string): void => {
    const { schema, attribute } = placed;
    if (attribute.mutability === 'readOnly') return;
    const coerced = coerceScimValue(attribute, normalizeManager(schema, attribute, value), path, issues);
    if (coerced !== undefined) valuesOf(schema)[attribute.name] = coerced;
  };

  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas') continue;
    const extension = extensions.find((s) => s.id.toLowerCase() === lower);
    if (extension) {
      if (value === null) continue;
      if (!isJsonObject(value)) {
        issues.add(extension.id, 'must be an object holding the extension attributes', 'invalidSyntax');
        continue;
      }
      for (const [name, attributeValue] of Object.entries(value)) {
        const attribute = findDefinition(extension.attributes, name);
        if (attribute) place({ schema: extension, attribute }, attributeValue, `${extension.id}:${attribute.name}`);
        else issues.ignore(`${extension.id}:${name}`);
      }
      continue;
    }
    const placed = locate(key, core, extensions);
    if (placed) place(placed, value, placed.schema === core ? placed.attribute.name : `${placed.schema.id}:${placed.attribute.name}`);
    else issues.ignore(key);
  }

  checkRequired(core, coreValues, undefined, issues);
  for (const [schema, values] of extensionValues) if (Object.keys(values).length > 0) checkRequired(schema, values, schema.id, issues);
  if (options.mode === 'replace' && options.existing) keepStoredValues(options.existing, core, extensions, valuesOf, issues);

  const present = extensions.filter((s) => Object.keys(extensionValues.get(s) ?? {}).length > 0);
  if (options.requireExtensionUrns) {
    for (const schema of present) if (!listed.has(schema.id)) issues.add('schemas', `must list "${schema.id}", whose attributes the resource has (RFC 7643 §3)`, 'invalidSyntax');
  }
  issues.throwIfAny();

  const resource: JsonObject = { schemas: [core.id, ...present.map((s) => s.id)], ...coreValues };
  for (const schema of present) resource[schema.id] = extensionValues.get(schema) ?? {};
  return { resource, ignored: issues.ignored };
}

/** The URNs the body lists, mapped to the registry's spelling; problems are invalidSyntax (RFC 7644 §3.12). */
function readSchemas(body: JsonObject, core: ScimSchemaDefinition, extensions: readonly ScimSchemaDefinition[], issues: PreparationIssues): Set<string> {
  const listed = new Set<string>();
  const key = findAttributeKey(body, 'schemas');
  const value = key === undefined ? undefined : body[key];
  if (!Array.isArray(value) || value.some((urn) => typeof urn !== 'string')) {
    issues.add('schemas', `must be an array of schema URNs that includes "${core.id}" (RFC 7643 §3)`, 'invalidSyntax');
    return listed;
  }
  for (const urn of value as string[]) {
    // Entra's group create lists its own ADSCIM URN (reference §2.7, §2.8); it stands for the core Group schema.
    const canonical = core.id === SCIM_CORE_GROUP && urn.toLowerCase() === ENTRA_GROUP_SCHEMA.toLowerCase() ? core.id : urn;
    const known = [core, ...extensions].find((s) => s.id.toLowerCase() === canonical.toLowerCase());
    if (known) listed.add(known.id);
    else issues.ignore(`schemas: ${urn}`);
  }
  if (!listed.has(core.id)) issues.add('schemas', `must include "${core.id}" (RFC 7643 §3)`, 'invalidSyntax');
  return listed;
}

function findDefinition(attributes: readonly ScimAttributeDefinition[], name: string): ScimAttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower);
}

/** A top-level key: a core or common attribute, or one qualified by its schema URN (`urn:...:User:department`). */
function locate(key: string, core: ScimSchemaDefinition, extensions: readonly ScimSchemaDefinition[]): Placed | undefined {
  const lower = key.toLowerCase();
  for (const schema of [core, ...extensions]) {
    const prefix = `${schema.id.toLowerCase()}:`;
    if (!lower.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const attribute = findDefinition(schema.attributes, name) ?? (schema === core ? findDefinition(scimCommonAttributes, name) : undefined);
    return attribute ? { schema, attribute } : undefined;
  }
  const attribute = findDefinition(core.attributes, key) ?? findDefinition(scimCommonAttributes, key);
  return attribute ? { schema: core, attribute } : undefined;
}

/** Entra sends the manager as the manager's id, or as a one-element array (reference §2.6, §2.8). */
function normalizeManager(schema: ScimSchemaDefinition, attribute: ScimAttributeDefinition, value: JsonValue): JsonValue {
  if (schema.id !== SCIM_ENTERPRISE_USER || attribute.name !== 'manager') return value;
  if (typeof value === 'string') return value === '' ? null : { value };
  if (Array.isArray(value) && value.length === 1 && isJsonObject(value[0])) return value[0];
  return value;
}

/** RFC 7643 §4.1.1, §4.2: required attributes must hold a value; an empty or blank string is no value. */
function checkRequired(schema: ScimSchemaDefinition, values: JsonObject, urn: string | undefined, issues: PreparationIssues): void {
  for (const attribute of schema.attributes) {
    if (!attribute.required || attribute.mutability === 'readOnly') continue;
    const value = values[attribute.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      issues.add(urn ? `${urn}:${attribute.name}` : attribute.name, 'is required');
    }
  }
}

/** The readOnly values a replace keeps (RFC 7644 §3.5.1), and the immutable ones it may not change. */
function keepStoredValues(
  existing: JsonObject,
  core: ScimSchemaDefinition,
  extensions: readonly ScimSchemaDefinition[],
  valuesOf: (schema: ScimSchemaDefinition) => JsonObject,
  issues: PreparationIssues,
): void {
  const visit = (schema: ScimSchemaDefinition, stored: JsonObject, attributes: readonly ScimAttributeDefinition[]): void => {
    for (const attribute of attributes) {
      const key = findAttributeKey(stored, attribute.name);
      const old = key === undefined ? undefined : stored[key];
      if (old === undefined || old === null) continue;
      const values = valuesOf(schema);
      if (attribute.mutability === 'readOnly') values[attribute.name] = old;
      else if (attribute.mutability === 'immutable') {
        const sent = values[attribute.name];
        if (sent === undefined) values[attribute.name] = old;
        else if (!scimValuesEqual(attribute, old, sent)) {
          issues.add(schema === core ? attribute.name : `${schema.id}:${attribute.name}`, 'is immutable: it cannot change once set (RFC 7643 §2.2)', 'mutability');
        }
      }
    }
  };
  visit(core, existing, [...scimCommonAttributes, ...core.attributes]);
  for (const schema of extensions) {
    const key = findAttributeKey(existing, schema.id);
    const stored = key === undefined ? undefined : existing[key];
    if (isJsonObject(stored)) visit(schema, stored, schema.attributes);
  }
}
