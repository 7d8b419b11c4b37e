import { encodeTableKey } from './tableKey';

/** Minutes from the epoch to the largest Date; subtracting from it inverts time order. */
const MAX_MINUTE = Math.floor(8_640_000_000_000_000 / 60_000);
const DIGITS = String(MAX_MINUTE).length;

/**
 * A job's log entries are spread over one partition per tenth of a second,
 * `<jobId>|<inverted minute>-<inverted second>-<inverted tenth>`, not one partition per job. Why: a partition is the
 * unit Azure Tables serves from one server (about 2,000 entities/s per partition is the documented scalability
 * target), and Azurite finds a row by walking its partition (LokiJS: an index on PartitionKey, then a scan for the
 * RowKey), for every upsert. Measured on the 2-core VM: one job's partition of 32,000 entries slowed a 100-entry
 * transaction from 40 ms to 570 ms; minute partitions (60,000 entries at 1,000 a second) made transactions seconds
 * long; second partitions (~1,200 entries in an initial cycle reconciled in process) still left a third of
 * Azurite's CPU walking them. A tenth of a second holds ~120 at that rate. The inverted minute, second and tenth keep
 * "newest first" a plain key-ordered range query across the job's partitions; a partition written by an earlier
 * build (`<jobId>|<inverted minute>` or `<jobId>|<inverted minute>-<inverted second>`) sorts just before the finer
 * ones of its time, so it is still listed and purged in place.
 */
export function logPartitionKey(jobId: string, activityDateTime: string): string {
  const ms = Date.parse(activityDateTime);
  const second = Math.floor(ms / 1000);
  const minute = Math.floor(second / 60);
  const inMinute = second - minute * 60;
  const tenth = Math.floor((ms - second * 1000) / 100);
  return `${encodeTableKey(jobId)}|${String(MAX_MINUTE - minute).padStart(DIGITS, '0')}-${String(59 - inMinute).padStart(2, '0')}-${9 - tenth}`;
}

/** The key range holding every partition of one job: `PartitionKey ge from and PartitionKey lt to`. */
export function logPartitionRange(jobId: string): { from: string; to: string } {
  // '}' is the character after '|', so the range is exactly the keys that start with `<jobId>|`.
  const job = encodeTableKey(jobId);
  return { from: `${job}|`, to: `${job}}` };
}
