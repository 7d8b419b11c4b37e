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
  /**
   * Send every row, even rows a later row of the same worker supersedes. Off by default: a file is a
   * snapshot, its last row per worker is that worker's current state, and sending older rows first would
   * flow stale values into targets for a moment (and turn a re-upload of an unchanged file into updates).
   */
  keepSupersededRows?: boolean;
}

export interface CsvConversion {
  requests: ScimBulkRequest[];
  /** Data rows in the file. */
  recordsRead: number;
  /** Rows left out because they map to no externalId: the service could not match them to anyone. */
  skipped: { line: number; reason: string }[];
  /** Rows not sent because a later row of the same worker supersedes them (0 with keepSupersededRows). */
  superseded: number;
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
  const sent = options.keepSupersededRows ? users : lastRowPerWorker(users);
  return {
    requests: toBulkRequests(sent, {
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      ...(options.newBulkId ? { newBulkId: options.newBulkId } : {}),
    }),
    recordsRead: csv.rows.length,
    skipped,
    superseded: users.length - sent.length,
  };
}

/** Each worker's last row, at the position of that last row, so the file's order of newest states is kept. */
function lastRowPerWorker(users: readonly ScimUserData[]): ScimUserData[] {
  const lastIndex = new Map<unknown, number>();
  users.forEach((user, index) => lastIndex.set(user.externalId, index));
  return users.filter((user, index) => lastIndex.get(user.externalId) === index);
}
