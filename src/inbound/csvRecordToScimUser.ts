import type { JsonValue } from '../domain/identityObject';
import { getPathValue } from '../scim/getPathValue';
import { setPathValue } from '../scim/setPathValue';
import { SCIM_CORE_USER } from '../scim/scimSchemas';
import { defaultCsvMapping, type CsvMapping, type CsvMappingEntry } from './csvMapping';
import type { ScimUserData } from './scimUserData';

/**
 * Maps one CSV row to a SCIM User for a bulk operation's `data`.
 *
 * Cells are trimmed and empty cells are left out rather than sent as "": the inbound API treats "" as
 * "clear this value" when null flow is on (reference §1.7), and a blank cell in an HR export usually
 * means "unknown", not "erase". A constant inside a filtered element (`addresses[type eq "work"].primary`)
 * is written only when a column already created that element, so a worker with no address gets none.
 * `schemas` lists the core URN and exactly the extension URNs that received a value.
 */
export function csvRecordToScimUser(record: Readonly<Record<string, string>>, mapping: CsvMapping = defaultCsvMapping): ScimUserData {
  const user: ScimUserData = { schemas: [SCIM_CORE_USER] };
  const deferred: CsvMappingEntry[] = [];
  for (const entry of mapping) {
    if (entry.source.kind === 'constant' && entry.path.filter) {
      deferred.push(entry);
      continue;
    }
    const value = sourceValue(record, entry);
    if (value !== undefined) setPathValue(user, entry.path, value);
  }
  for (const entry of deferred) {
    const { schemaUrn, attribute, filter } = entry.path;
    const element = getPathValue(user, { ...(schemaUrn ? { schemaUrn } : {}), attribute, ...(filter ? { filter } : {}) });
    const value = sourceValue(record, entry);
    if (element !== undefined && value !== undefined) setPathValue(user, entry.path, value);
  }
  // setPathValue adds an extension's URN to `schemas` when it creates the extension object, so URNs
  // with no value never appear.
  return user;
}

function sourceValue(record: Readonly<Record<string, string>>, { source }: CsvMappingEntry): JsonValue | undefined {
  if (source.kind === 'constant') return source.value;
  const cell = (record[source.column] ?? '').trim();
  if (cell === '') return undefined;
  return source.kind === 'equals' ? cell.toLowerCase() === source.equals.trim().toLowerCase() : cell;
}
