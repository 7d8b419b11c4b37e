import { z } from 'zod';
import { toError, ValidationError, type ValidationIssue } from '../domain/errors';
import { andedComparisons } from '../scim/filter/andedComparisons';
import { parseScimPath } from '../scim/parseScimPath';
import type { ScimPath } from '../scim/scimPath';
import { SCIM_ENTERPRISE_USER } from '../scim/scimSchemas';

/** Where idbridge's sample mapping puts CSV columns that have no home in the core or enterprise schema. */
export const IDBRIDGE_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:idbridge:1.0:User';

/** Where one SCIM attribute's value comes from. */
export type CsvValueSource =
  | { kind: 'column'; column: string }
  /** A boolean: whether the cell equals `equals`, ignoring case, as PowerShell's `-eq` in CSV2SCIM does. */
  | { kind: 'equals'; column: string; equals: string }
  | { kind: 'constant'; value: string | number | boolean };

export interface CsvMappingEntry {
  /** The mapping file's key, kept for error messages. */
  key: string;
  path: ScimPath;
  source: CsvValueSource;
}

/** A validated mapping, in the file's order. */
export type CsvMapping = readonly CsvMappingEntry[];

const column = z.string().trim().min(1, 'a column name cannot be empty');
const sourceSchema = z.union(
  [
    column,
    z.strictObject({ column }),
    z.strictObject({ column, equals: z.string() }),
    z.strictObject({ constant: z.union([z.string(), z.number(), z.boolean()]) }),
  ],
  { error: 'expected a CSV column name, {"column": "..."}, {"column": "...", "equals": "..."} or {"constant": ...}' },
);
const mappingFileSchema = z.record(z.string(), sourceSchema, { error: 'a mapping file is a JSON object of "<SCIM path>": <source>' });

/** The mapping file as JSON: `{ "<SCIM path>": "<CSV column>" | {"column", "equals"?} | {"constant"} }`. */
export type CsvMappingFile = z.input<typeof mappingFileSchema>;

/**
 * Attributes RFC 7643 defines as multi-valued on a User. They need a value filter naming the element
 * (`emails[type eq "work"].value`): without one, the element's type would be a guess.
 */
const MULTI_VALUED_CORE = new Set(['emails', 'phonenumbers', 'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509certificates']);
/** Assigned by the service, never by the source. */
const RESERVED = new Set(['schemas', 'id', 'meta']);

/**
 * Validates a parsed mapping file and returns its entries. Every problem is reported at once, each
 * naming its key, in one ValidationError.
 */
export function parseCsvMapping(json: unknown): CsvMapping {
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
      { code: 'InvalidCsvMapping' },
    );
  }
  const issues: ValidationIssue[] = [];
  const entries: CsvMappingEntry[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    let path: ScimPath;
    try {
      path = parseScimPath(key);
    } catch (thrown) {
      issues.push({ path: key, message: toError(thrown).message });
      continue;
    }
    const source: CsvValueSource =
      typeof value === 'string'
        ? { kind: 'column', column: value.trim() }
        : 'constant' in value
          ? { kind: 'constant', value: value.constant }
          : 'equals' in value
            ? { kind: 'equals', column: value.column, equals: value.equals }
            : { kind: 'column', column: value.column };
    issues.push(...checkEntry(key, path, source));
    entries.push({ key, path, source });
  }
  issues.push(...checkConsistency(entries));
  if (issues.length > 0) throw new ValidationError(issues, { code: 'InvalidCsvMapping' });
  return entries;
}

/** Problems with a mapping against a CSV header: columns the mapping reads that the file lacks. */
export function missingMappingColumns(mapping: CsvMapping, header: readonly string[]): ValidationIssue[] {
  const present = new Set(header);
  const issues: ValidationIssue[] = [];
  for (const { key, source } of mapping) {
    if (source.kind === 'constant' || present.has(source.column)) continue;
    const sameButCase = header.find((name) => name.toLowerCase() === source.column.toLowerCase());
    issues.push({
      path: key,
      message: `the CSV has no column "${source.column}"${sameButCase ? ` (did you mean "${sameButCase}"? names are case-sensitive)` : ''}`,
    });
  }
  return issues;
}

function checkEntry(key: string, path: ScimPath, source: CsvValueSource): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const attribute = path.attribute.toLowerCase();
  if (path.schemaUrn === undefined) {
    if (RESERVED.has(attribute)) issues.push({ path: key, message: `"${path.attribute}" is set by the service, not mapped from the CSV` });
    if (MULTI_VALUED_CORE.has(attribute) && (!path.filter || path.subAttribute === undefined)) {
      issues.push({ path: key, message: `"${path.attribute}" is multi-valued: name the element and the sub-attribute, e.g. ${path.attribute}[type eq "work"].value` });
    }
    if (!MULTI_VALUED_CORE.has(attribute) && path.filter) {
      issues.push({ path: key, message: `"${path.attribute}" is not multi-valued, so it takes no value filter` });
    }
    if (attribute === 'externalid' && (path.subAttribute !== undefined || source.kind !== 'column')) {
      issues.push({ path: key, message: 'externalId must come straight from a CSV column: it identifies each worker' });
    }
  }
  if (path.filter && path.subAttribute !== undefined) {
    const filterAttributes = andedComparisons(path.filter).map((c) => c.path.attribute.toLowerCase());
    if (filterAttributes.includes(path.subAttribute.toLowerCase())) {
      issues.push({ path: key, message: `"${path.subAttribute}" is already set by the value filter` });
    }
  }
  return issues;
}

/** An attribute is either a plain value, an object with sub-attributes, or a filtered list: not two of them. */
function checkConsistency(entries: readonly CsvMappingEntry[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const shapes = new Map<string, { shape: string; key: string }>();
  for (const { key, path } of entries) {
    const attributeId = `${(path.schemaUrn ?? '').toLowerCase()}|${path.attribute.toLowerCase()}`;
    const shape = path.filter ? 'a multi-valued attribute' : path.subAttribute !== undefined ? 'a complex attribute' : 'a simple attribute';
    const earlier = shapes.get(attributeId);
    if (earlier && earlier.shape !== shape) {
      issues.push({ path: key, message: `maps "${path.attribute}" as ${shape}, but "${earlier.key}" maps it as ${earlier.shape}` });
    } else if (!earlier) {
      shapes.set(attributeId, { shape, key });
    }
  }
  if (!entries.some((e) => e.path.schemaUrn === undefined && e.path.attribute.toLowerCase() === 'externalid')) {
    issues.push({ path: 'externalId', message: 'the mapping must set externalId: the service matches workers by it' });
  }
  return issues;
}

const ENTERPRISE = SCIM_ENTERPRISE_USER;
const WORK_ADDRESS = 'addresses[type eq "work"]';

/**
 * The default mapping for the columns of Microsoft's CSV2SCIM sample HR export (WorkerID, WorkerStatus,
 * ...), after the semantics of its AttributeMapping.psd1: externalId and employeeNumber from WorkerID,
 * active when WorkerStatus is "Active", manager by the manager's WorkerID. Columns with no SCIM
 * attribute go to the idbridge extension under their own names, so that nothing in the file is lost.
 */
export const defaultCsvMappingFile: Readonly<CsvMappingFile> = Object.freeze({
  externalId: 'WorkerID',
  userName: 'UserID',
  displayName: 'FullName',
  'name.givenName': 'FirstName',
  'name.familyName': 'LastName',
  active: { column: 'WorkerStatus', equals: 'Active' },
  userType: 'WorkerType',
  title: 'JobTitle',
  [`${WORK_ADDRESS}.streetAddress`]: 'StreetAddress',
  [`${WORK_ADDRESS}.locality`]: 'City',
  [`${WORK_ADDRESS}.postalCode`]: 'ZipCode',
  [`${WORK_ADDRESS}.country`]: 'CountryCode',
  'phoneNumbers[type eq "work"].value': 'OfficePhone',
  [`${ENTERPRISE}:employeeNumber`]: 'WorkerID',
  [`${ENTERPRISE}:department`]: 'Department',
  [`${ENTERPRISE}:division`]: 'Division',
  [`${ENTERPRISE}:costCenter`]: 'CostCenter',
  [`${ENTERPRISE}:organization`]: 'Company',
  [`${ENTERPRISE}:manager.value`]: 'ManagerID',
  [`${IDBRIDGE_USER_EXTENSION}:HireDate`]: 'HireDate',
  [`${IDBRIDGE_USER_EXTENSION}:OnLeave`]: { column: 'OnLeave', equals: 'True' },
  [`${IDBRIDGE_USER_EXTENSION}:GenderPronoun`]: 'GenderPronoun',
  [`${IDBRIDGE_USER_EXTENSION}:Location`]: 'Location',
  [`${IDBRIDGE_USER_EXTENSION}:Custom01`]: 'Custom01',
  [`${IDBRIDGE_USER_EXTENSION}:Custom02`]: 'Custom02',
});

export const defaultCsvMapping: CsvMapping = parseCsvMapping(defaultCsvMappingFile);
