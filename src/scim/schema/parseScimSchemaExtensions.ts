import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../../domain/errors';
import { isScimAttributeName } from '../scimAttributeName';
import { SCIM_CORE_GROUP, SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from '../scimSchemas';
import { scimAttribute } from './scimAttribute';
import { SCIM_ATTRIBUTE_TYPES, SCIM_MUTABILITIES, SCIM_RETURNED, SCIM_UNIQUENESSES, type ScimAttributeDefinition, type ScimAttributeType } from './scimAttributeDefinition';
import type { ScimSchemaExtension } from './scimSchemaExtension';

const SETTING = 'IDBRIDGE_SCIM_SCHEMA_EXTENSIONS';
const RESERVED = new Set([SCIM_CORE_USER, SCIM_CORE_GROUP, SCIM_ENTERPRISE_USER].map((urn) => urn.toLowerCase()));

const name = z.string().refine(isScimAttributeName, 'must be an attribute name (RFC 7643 §2.1: a letter, then letters, digits, "-" or "_")');
const type = z.enum(SCIM_ATTRIBUTE_TYPES as [ScimAttributeType, ...ScimAttributeType[]]);

// Omitted characteristics are left undefined here and get RFC 7643 §2.2 defaults from scimAttribute().
const characteristics = {
  name,
  type: type.optional(),
  multiValued: z.boolean().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  canonicalValues: z.array(z.string()).optional(),
  caseExact: z.boolean().optional(),
  mutability: z.enum(SCIM_MUTABILITIES as [string, ...string[]]).optional(),
  returned: z.enum(SCIM_RETURNED as [string, ...string[]]).optional(),
  uniqueness: z.enum(SCIM_UNIQUENESSES as [string, ...string[]]).optional(),
  referenceTypes: z.array(z.string().min(1)).min(1).optional(),
};

// RFC 7643 §2.3.8: a sub-attribute cannot itself be complex, so sub-attributes have no sub-attributes.
const subAttributeInput = z.strictObject(characteristics).superRefine((a, ctx) => {
  if (a.type === 'complex') ctx.addIssue({ code: 'custom', path: ['type'], message: 'cannot be complex in a sub-attribute (RFC 7643 §2.3.8)' });
  checkReferenceTypes(a, ctx);
});

const attributeInput = z.strictObject({ ...characteristics, subAttributes: z.array(subAttributeInput).min(1).optional() }).superRefine((a, ctx) => {
  if (a.type === 'complex' && !a.subAttributes) ctx.addIssue({ code: 'custom', path: ['subAttributes'], message: 'is required for a complex attribute' });
  if (a.type !== 'complex' && a.subAttributes) ctx.addIssue({ code: 'custom', path: ['subAttributes'], message: 'is only allowed when type is "complex"' });
  checkReferenceTypes(a, ctx);
  if (a.subAttributes) checkUniqueNames(a.subAttributes, ['subAttributes'], ctx);
});

const extensionInput = z.strictObject({
  id: z.string().regex(/^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$/, 'must be a URN, e.g. urn:ietf:params:scim:schemas:extension:contoso:1.0:User'),
  name: z.string().min(1),
  description: z.string().optional(),
  resourceType: z.enum(['User', 'Group'], { error: 'must be "User" or "Group"' }),
  attributes: z.array(attributeInput).min(1),
}).superRefine((e, ctx) => {
  if (RESERVED.has(e.id.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['id'], message: 'names a schema idbridge already defines; choose a URN of your own' });
  checkUniqueNames(e.attributes, ['attributes'], ctx);
});

const extensionsInput = z.array(extensionInput).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((e, index) => {
    const key = e.id.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'is declared twice' });
    seen.add(key);
  });
});

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

function checkReferenceTypes(a: { type?: string | undefined; referenceTypes?: string[] | undefined }, ctx: IssueSink): void {
  if (a.referenceTypes && a.type !== 'reference') ctx.addIssue({ code: 'custom', path: ['referenceTypes'], message: 'is only allowed when type is "reference"' });
}

/** RFC 7643 §2.1: attribute names are case-insensitive, so `JobCode` and `jobcode` would be the same attribute. */
function checkUniqueNames(attributes: readonly { name: string }[], at: (string | number)[], ctx: IssueSink): void {
  const seen = new Set<string>();
  attributes.forEach((a, index) => {
    const key = a.name.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [...at, index, 'name'], message: `"${a.name}" is declared twice (names are case-insensitive)` });
    seen.add(key);
  });
}

type AttributeInput = z.infer<typeof attributeInput> | z.infer<typeof subAttributeInput>;

function toDefinition(input: AttributeInput): ScimAttributeDefinition {
  const { name: attributeName, description, subAttributes, ...rest } = input as z.infer<typeof attributeInput>;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return scimAttribute(attributeName, description, {
    ...(defined as Partial<ScimAttributeDefinition>),
    ...(subAttributes ? { subAttributes: subAttributes.map(toDefinition) } : {}),
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${String(part)}`), SETTING);
}

/**
 * Parses the IDBRIDGE_SCIM_SCHEMA_EXTENSIONS setting: a JSON array of custom extension schemas (RFC 7643
 * §3.3) for User or Group. Omitted characteristics take RFC 7643 §2.2 defaults. Throws ValidationError
 * listing every problem at once, each with its path (`IDBRIDGE_SCIM_SCHEMA_EXTENSIONS[0].attributes[1].type`).
 */
export function parseScimSchemaExtensions(text: string | undefined): ScimSchemaExtension[] {
  if (text === undefined || text.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ValidationError([{ path: SETTING, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const result = extensionsInput.safeParse(json);
  if (!result.success) {
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    throw new ValidationError(issues);
  }
  return result.data.map((e) =>
    Object.freeze({
      id: e.id,
      name: e.name,
      ...(e.description === undefined ? {} : { description: e.description }),
      resourceType: e.resourceType,
      attributes: Object.freeze(e.attributes.map(toDefinition)),
    }),
  );
}
