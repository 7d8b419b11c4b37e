import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import type { ScimAttributeDefinition } from './scimAttributeDefinition';
import { scimCommonAttributes } from './scimCommonAttributes';
import type { ScimSchemaRegistry } from './scimSchemaRegistry';

export interface ProjectResourceOptions {
  /** RFC 7644 §3.4.2.5 `attributes`: return only these (plus `returned: always`). Wins over excludedAttributes when both are given. */
  attributes?: readonly string[];
  /** RFC 7644 §3.4.2.5 `excludedAttributes`: leave these out of the default set (never the `always` ones). */
  excludedAttributes?: readonly string[];
}

/** Selected paths as `<schema urn>`, `<schema urn>:<attribute>` or `<schema urn>:<attribute>.<sub>`, lower-cased. */
type Selection = ReadonlySet<string>;

/**
 * The resource as a client may see it (RFC 7644 §3.4.2.5, §3.9, RFC 7643 §7 `returned`):
 * - `schemas` and `returned: always` attributes (`id`) are always in;
 * - `returned: never` (password) never is;
 * - with `attributes`, only the named attributes (a named complex attribute brings its sub-attributes, a
 *   named extension URN brings the whole extension), `request` ones included when named;
 * - otherwise every `default` attribute except those in `excludedAttributes` (`members` on groups, which
 *   Entra relies on, reference §2.7); `request` attributes stay out.
 * `meta` is `returned: default` (RFC 7643 §3.1), so `attributes=userName` omits it, as in RFC 7644 §3.9.
 * Paths may be URN-qualified and use any case; names that match nothing are ignored. Attributes no schema
 * defines are not returned, and `schemas` lists only the extensions left in the result.
 */
export function projectResource(registry: ScimSchemaRegistry, resourceType: string, resource: JsonObject, options: ProjectResourceOptions = {}): JsonObject {
  const { core, extensions } = registry.schemasOf(resourceType);
  const requested = options.attributes && options.attributes.length > 0 ? selection(registry, resourceType, options.attributes) : undefined;
  const excluded = requested ? new Set<string>() : selection(registry, resourceType, options.excludedAttributes ?? []);
  const out: JsonObject = {};
  const kept: string[] = [core.id];

  const coreOut = projectAttributes(withCommonAttributes(core.attributes), resource, core.id.toLowerCase(), requested, excluded);
  for (const schema of extensions) {
    const key = Object.keys(resource).find((k) => k.toLowerCase() === schema.id.toLowerCase());
    const value = key === undefined ? undefined : resource[key];
    if (!isJsonObject(value)) continue;
    const projected = projectAttributes(schema.attributes, value, schema.id.toLowerCase(), requested, excluded);
    if (Object.keys(projected).length > 0) {
      coreOut[schema.id] = projected;
      kept.push(schema.id);
    }
  }
  out.schemas = kept;
  return Object.assign(out, coreOut);
}

function selection(registry: ScimSchemaRegistry, resourceType: string, paths: readonly string[]): Selection {
  const selected = new Set<string>();
  // Query parameters arrive comma-separated (RFC 7644 §3.4.2.5); accept either form.
  for (const path of paths.flatMap((p) => p.split(','))) {
    const resolved = registry.resolvePath(resourceType, path);
    if (!resolved) continue;
    const schema = resolved.schema.id.toLowerCase();
    if (!resolved.attribute) selected.add(schema);
    else if (!resolved.subAttribute) selected.add(`${schema}:${resolved.attribute.name.toLowerCase()}`);
    else selected.add(`${schema}:${resolved.attribute.name.toLowerCase()}.${resolved.subAttribute.name.toLowerCase()}`);
  }
  return selected;
}

/*
 * Every response runs through this projection (a SCIM create's own answer too), so the definitions are looked up
 * by lower-cased name in maps built once per schema instead of a case-insensitive scan per attribute: on the
 * create path the scans were ~4 % of the local host's CPU.
 */
const NO_SUB_ATTRIBUTES: readonly ScimAttributeDefinition[] = [];
const withCommon = new WeakMap<readonly ScimAttributeDefinition[], readonly ScimAttributeDefinition[]>();
const byName = new WeakMap<readonly ScimAttributeDefinition[], ReadonlyMap<string, ScimAttributeDefinition>>();

function withCommonAttributes(attributes: readonly ScimAttributeDefinition[]): readonly ScimAttributeDefinition[] {
  let all = withCommon.get(attributes);
  if (!all) withCommon.set(attributes, (all = [...scimCommonAttributes, ...attributes]));
  return all;
}

function definitionNamed(definitions: readonly ScimAttributeDefinition[], key: string): ScimAttributeDefinition | undefined {
  let names = byName.get(definitions);
  if (!names) {
    const map = new Map<string, ScimAttributeDefinition>();
    // The first definition of a name wins, as Array.find did.
    for (const d of definitions) if (!map.has(d.name.toLowerCase())) map.set(d.name.toLowerCase(), d);
    byName.set(definitions, (names = map));
  }
  return names.get(key) ?? names.get(key.toLowerCase());
}

function projectAttributes(definitions: readonly ScimAttributeDefinition[], values: JsonObject, schemaKey: string, requested: Selection | undefined, excluded: Selection): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = definitionNamed(definitions, key);
    if (!definition || value === null) continue;
    const path = `${schemaKey}:${definition.name.toLowerCase()}`;
    const projected = projectAttribute(definition, value, path, [schemaKey], requested, excluded);
    if (projected !== undefined) out[key] = projected;
  }
  return out;
}

function projectAttribute(
  definition: ScimAttributeDefinition,
  value: JsonValue,
  path: string,
  ancestors: readonly string[],
  requested: Selection | undefined,
  excluded: Selection,
): JsonValue | undefined {
  if (definition.returned === 'never') return undefined;
  const named = (set: Selection) => set.has(path) || ancestors.some((a) => set.has(a));
  const descendantNamed = (set: Selection) => set.size > 0 && [...set].some((p) => p.startsWith(`${path}.`));
  let whole: boolean;
  if (definition.returned === 'always') whole = true;
  else if (requested) {
    if (named(requested)) whole = true;
    else if (definition.type === 'complex' && descendantNamed(requested)) whole = false;
    else return undefined;
  } else {
    if (definition.returned === 'request' || named(excluded)) return undefined;
    whole = !(definition.type === 'complex' && descendantNamed(excluded));
  }
  if (definition.type !== 'complex') return value;
  const subs = definition.subAttributes ?? NO_SUB_ATTRIBUTES;
  const projectComplex = (item: JsonValue): JsonValue | undefined => {
    if (!isJsonObject(item)) return item;
    const out: JsonObject = {};
    for (const [key, subValue] of Object.entries(item)) {
      const sub = definitionNamed(subs, key);
      if (!sub || subValue === null) continue;
      const subPath = `${path}.${sub.name.toLowerCase()}`;
      const keep = sub.returned === 'always'
        || (sub.returned !== 'never' && (whole ? (requested ? true : sub.returned !== 'request' && !excluded.has(subPath)) : requested ? requested.has(subPath) : !excluded.has(subPath)));
      if (keep) out[key] = subValue;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  };
  if (Array.isArray(value)) {
    const items = value.map(projectComplex).filter((v): v is JsonValue => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  return projectComplex(value);
}
