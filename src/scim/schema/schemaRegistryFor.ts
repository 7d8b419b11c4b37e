import type { AppSettings } from '../../config/appSettings';
import { PermanentError } from '../../domain/errors';
import { parseScimSchemaExtensions } from './parseScimSchemaExtensions';
import { ScimSchemaRegistry } from './scimSchemaRegistry';

// Settings are parsed once per process and frozen, so the object itself is a good cache key.
const registries = new WeakMap<AppSettings, ScimSchemaRegistry>();

/**
 * The schema registry for these settings, built on first use and then shared. A bad
 * IDBRIDGE_SCIM_SCHEMA_EXTENSIONS is a configuration problem, not the client's: it surfaces as a
 * PermanentError (500, details in the log) naming every problem; it is not cached, so fixed settings
 * take effect on the next process start.
 */
export function schemaRegistryFor(settings: AppSettings): ScimSchemaRegistry {
  const cached = registries.get(settings);
  if (cached) return cached;
  let registry: ScimSchemaRegistry;
  try {
    registry = new ScimSchemaRegistry(parseScimSchemaExtensions(settings.IDBRIDGE_SCIM_SCHEMA_EXTENSIONS));
  } catch (error) {
    throw new PermanentError(`The app setting IDBRIDGE_SCIM_SCHEMA_EXTENSIONS is invalid: ${(error as Error).message}`, { cause: error });
  }
  registries.set(settings, registry);
  return registry;
}
