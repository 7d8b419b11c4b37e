import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../scimSchemas';
import { coreGroupSchema } from './coreGroupSchema';
import { coreUserSchema } from './coreUserSchema';
import { enterpriseUserSchema } from './enterpriseUserSchema';
import type { ResolvedScimPath } from './resolvedScimPath';
import type { ScimAttributeDefinition, ScimAttributeTraits, ScimResourceTypeDefinition, ScimSchemaDefinition } from './scimAttributeDefinition';
import { scimCommonAttributes } from './scimCommonAttributes';
import type { ScimSchemaExtension } from './scimSchemaExtension';

interface IndexedSchema {
  readonly schema: ScimSchemaDefinition;
  readonly lowerId: string;
  readonly byName: ReadonlyMap<string, ScimAttributeDefinition>;
}

interface IndexedResourceType {
  readonly definition: ScimResourceTypeDefinition;
  readonly core: IndexedSchema;
  readonly extensions: readonly IndexedSchema[];
  /** Core first, then extensions, longest id first, so that a URN prefix never shadows a longer one. */
  readonly byUrnLength: readonly IndexedSchema[];
}

const byLowerName = (attributes: readonly ScimAttributeDefinition[]): ReadonlyMap<string, ScimAttributeDefinition> =>
  new Map(attributes.map((a) => [a.name.toLowerCase(), a]));

const indexSchema = (schema: ScimSchemaDefinition): IndexedSchema => ({ schema, lowerId: schema.id.toLowerCase(), byName: byLowerName(schema.attributes) });

const commonByName = byLowerName(scimCommonAttributes);

/** Drops value filters (`emails[type eq "work"].value` → `emails.value`): they select values, not attributes. */
const withoutValueFilters = (path: string): string => path.replace(/\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]/g, '');

/**
 * The schemas and resource types this service supports (RFC 7643 §6, §7), built once from settings
 * (see schemaRegistryFor): User (core + Enterprise User + configured extensions) and Group (core +
 * configured extensions). Validation, projection, filters, sorting and the discovery endpoints all read
 * it, so what the service advertises is what it does. Names are case-insensitive (RFC 7643 §2.1).
 */
export class ScimSchemaRegistry {
  private readonly types: ReadonlyMap<string, IndexedResourceType>;
  private readonly schemaById: ReadonlyMap<string, ScimSchemaDefinition>;
  private readonly allSchemas: readonly ScimSchemaDefinition[];

  constructor(extensions: readonly ScimSchemaExtension[] = []) {
    const custom = (resourceType: string) => extensions.filter((e) => e.resourceType === resourceType);
    const userExtensions = [enterpriseUserSchema, ...custom('User')];
    const groupExtensions = custom('Group');
    const build = (definition: Omit<ScimResourceTypeDefinition, 'schemaExtensions'>, core: ScimSchemaDefinition, ext: readonly ScimSchemaDefinition[]): IndexedResourceType => {
      const indexed = ext.map(indexSchema);
      const coreIndexed = indexSchema(core);
      return {
        // RFC 7643 §6: no extension is required; a User without enterprise data is still a User.
        definition: Object.freeze({ ...definition, schemaExtensions: Object.freeze(ext.map((s) => Object.freeze({ schema: s.id, required: false }))) }),
        core: coreIndexed,
        extensions: indexed,
        byUrnLength: [coreIndexed, ...[...indexed].sort((a, b) => b.lowerId.length - a.lowerId.length)],
      };
    };
    const user = build({ id: 'User', name: 'User', description: 'User Account', endpoint: '/Users', schema: SCIM_CORE_USER }, coreUserSchema, userExtensions);
    const group = build({ id: 'Group', name: 'Group', description: 'Group', endpoint: '/Groups', schema: SCIM_CORE_GROUP }, coreGroupSchema, groupExtensions);
    this.types = new Map([['user', user], ['group', group]]);
    this.allSchemas = Object.freeze([coreUserSchema, enterpriseUserSchema, coreGroupSchema, ...extensions]);
    this.schemaById = new Map(this.allSchemas.map((s) => [s.id.toLowerCase(), s]));
  }

  /** Every schema, for GET /Schemas. */
  schemas(): readonly ScimSchemaDefinition[] {
    return this.allSchemas;
  }

  /** A schema by URN, case-insensitively (GET /Schemas/{id}). */
  schema(id: string): ScimSchemaDefinition | undefined {
    return this.schemaById.get(id.toLowerCase());
  }

  /** Every resource type, for GET /ResourceTypes. */
  resourceTypes(): readonly ScimResourceTypeDefinition[] {
    return [...this.types.values()].map((t) => t.definition);
  }

  /** A resource type by id (`User`, `Group`), case-insensitively. */
  resourceType(id: string): ScimResourceTypeDefinition | undefined {
    return this.types.get(id.toLowerCase())?.definition;
  }

  /** The core schema and the extension schemas of a resource type, in the order /ResourceTypes lists them. */
  schemasOf(resourceType: string): { core: ScimSchemaDefinition; extensions: readonly ScimSchemaDefinition[] } {
    const type = this.indexed(resourceType);
    return { core: type.core.schema, extensions: type.extensions.map((e) => e.schema) };
  }

  /**
   * Resolves an attribute path (RFC 7644 §3.10): `userName`, `name.givenName`, `emails[type eq "work"].value`,
   * `urn:ietf:params:scim:schemas:core:2.0:User:name.givenName`,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, or an extension URN alone.
   * Unqualified names are looked up in the core schema and the common attributes only: RFC 7644 §3.10
   * qualifies extension attributes with their URN. Undefined when nothing matches.
   */
  resolvePath(resourceType: string, path: string): ResolvedScimPath | undefined {
    const type = this.indexed(resourceType);
    const text = withoutValueFilters(path.trim());
    const lower = text.toLowerCase();
    let schema = type.core;
    let rest = text;
    if (lower.startsWith('urn:')) {
      const match = type.byUrnLength.find((s) => lower === s.lowerId || lower.startsWith(`${s.lowerId}:`));
      if (!match) return undefined;
      if (lower === match.lowerId) return match === type.core ? undefined : { schema: match.schema, isExtension: true };
      schema = match;
      rest = text.slice(match.lowerId.length + 1);
    }
    const parts = rest.split('.');
    if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
    const [attributeName = '', subName] = parts;
    const key = attributeName.toLowerCase();
    const attribute = schema.byName.get(key) ?? (schema === type.core ? commonByName.get(key) : undefined);
    if (!attribute) return undefined;
    const isExtension = schema !== type.core;
    if (subName === undefined) return { schema: schema.schema, isExtension, attribute };
    const subAttribute = attribute.subAttributes?.find((s) => s.name.toLowerCase() === subName.toLowerCase());
    return subAttribute ? { schema: schema.schema, isExtension, attribute, subAttribute } : undefined;
  }

  /** The definition at an attribute path (the sub-attribute's for `name.givenName`), or undefined. */
  attributeAt(resourceType: string, path: string): ScimAttributeDefinition | undefined {
    const resolved = this.resolvePath(resourceType, path);
    return resolved?.subAttribute ?? resolved?.attribute;
  }

  /** What filters and sorting need about an attribute path, or undefined for an unknown path. */
  traitsFor(resourceType: string, path: string): ScimAttributeTraits | undefined {
    const resolved = this.resolvePath(resourceType, path);
    const definition = resolved?.subAttribute ?? resolved?.attribute;
    if (!resolved?.attribute || !definition) return undefined;
    return {
      type: definition.type,
      caseExact: definition.caseExact,
      multiValued: definition.multiValued || (resolved.subAttribute !== undefined && resolved.attribute.multiValued),
      mutability: definition.mutability,
      returned: definition.returned,
      uniqueness: definition.uniqueness,
    };
  }

  private indexed(resourceType: string): IndexedResourceType {
    const type = this.types.get(resourceType.toLowerCase());
    // A programming error (handlers pass 'User' or 'Group'), not something a client can cause.
    if (!type) throw new Error(`Unknown SCIM resource type '${resourceType}'`);
    return type;
  }
}
