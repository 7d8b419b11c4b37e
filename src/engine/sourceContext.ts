import type { JsonObject, JsonValue } from '../domain/identityObject';
import type { ExpressionContext } from '../expressions/evaluateExpression';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { ExpressionValue } from '../expressions/expressionValue';
import { getPathValue, parseScimPath, type ScimPath } from '../scim/scimPath';

/*
 * Source attribute names are SCIM paths of the source record (`name.givenName`,
 * `emails[type eq "work"].value`, `urn:...:enterprise:2.0:User:department`), as in Entra's API-driven
 * inbound schema. Parsed paths are cached: a job names a handful of attributes, read for every object.
 */
const parsedPaths = new Map<string, ScimPath | null>();

function pathFor(name: string): ScimPath | null {
  let path = parsedPaths.get(name);
  if (path === undefined) {
    try {
      path = parseScimPath(name);
    } catch {
      path = null; // a name that is no SCIM path can never be present
    }
    if (parsedPaths.size < 10000) parsedPaths.set(name, path);
  }
  return path;
}

export function readSourceAttribute(source: JsonObject, name: string): JsonValue | undefined {
  const path = pathFor(name);
  if (!path) return undefined;
  const value = getPathValue(source, path);
  // A complex reference such as manager {value, displayName} reads as its value, as Entra's [manager] does.
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value && !path.subAttribute) {
    return value.value;
  }
  return value;
}

/**
 * Entra's computed [IsSoftDeleted] (reference/entra-engine.md §6.1): true when the object is out of scope or
 * disabled in the source (`active` false). Mappings such as `Not([IsSoftDeleted])` turn it into a disable.
 */
export function sourceContext(source: JsonObject, env: EvaluationEnvironment, softDeleted = isDisabledInSource(source)): ExpressionContext {
  return {
    getAttribute: (name): ExpressionValue | undefined => (isSoftDeletedName(name) ? softDeleted : readSourceAttribute(source, name)),
    env,
  };
}

/** Length first: this runs for every attribute read of every object. */
function isSoftDeletedName(name: string): boolean {
  return name.length === 13 && name.toLowerCase() === 'issoftdeleted';
}

export function isDisabledInSource(source: JsonObject): boolean {
  const active = readSourceAttribute(source, 'active');
  return active === false || (typeof active === 'string' && active.trim().toLowerCase() === 'false');
}
