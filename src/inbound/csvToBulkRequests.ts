import { parseCsv } from '../csv/parseCsv';
import { ValidationError } from '../domain/errors';
import { defaultCsvMapping, missingMappingColumns, type CsvMapping } from './csvMapping';
import { csvRecordToScimUser } from './csvRecordToScimUser';
import type { ScimUserData } from './scimUserData';
import { toBulkRequests, type ScimBulkRequest } from './toBulkRequests';

export interface CsvToBulkRequestsOptions {
  mapping?: CsvMapping;
  batchSize?: number;
  newBulkId?: () => string;
}

export interface CsvConversion {
  requests: ScimBulkRequest[];
  /** Data rows in the file. */
  recordsRead: number;
  /** Rows left out because they map to no externalId: the service could not match them to anyone. */
  skipped: { line: number; reason: string }[];
}

/**
 * CSV text to BulkRequests: parse, check the mapping against the header (a missing column is an error
 * for the whole file, not a silently empty attribute), map each row, and batch. Rows keep their order
 * so that a worker's later row still follows the earlier one.
 */
export function csvToBulkRequests(csvText: string, options: CsvToBulkRequestsOptions = {}): CsvConversion {
  const mapping = options.mapping ?? defaultCsvMapping;
  const csv = parseCsv(csvText);
  const missing = missingMappingColumns(mapping, csv.header);
  if (missing.length > 0) throw new ValidationError(missing, { code: 'CsvMappingColumnMissing' });

  const users: ScimUserData[] = [];
  const skipped: CsvConversion['skipped'] = [];
  for (const [i, row] of csv.rows.entries()) {
    const user = csvRecordToScimUser(row, mapping);
    if (typeof user.externalId === 'string' && user.externalId !== '') users.push(user);
    else skipped.push({ line: csv.rowLines[i] ?? 0, reason: 'no externalId (its column is empty)' });
  }
  return {
    requests: toBulkRequests(users, {
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      ...(options.newBulkId ? { newBulkId: options.newBulkId } : {}),
    }),
    recordsRead: csv.rows.length,
    skipped,
  };
}
