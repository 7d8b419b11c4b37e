import { encodeTableKey } from './tableKey';

/** Minutes from the epoch to the largest Date; subtracting from it inverts time order. */
const MAX_MINUTE = Math.floor(8_640_000_000_000_000 / 60_000);
const DIGITS = String(MAX_MINUTE).length;

/**
 * A job's log entries are spread over one partition per minute, `<jobId>|<inverted minute>`, not one partition
 * per job. Why: a partition is the unit Azure Tables serves from one server (about 2,000 entities/s per
 * partition is the documented scalability target), and Azurite, which finds a row by walking its partition,
 * slowed a 100-entry log transaction from 40 ms to 570 ms as one job's partition grew to 32,000 entries
 * (measured on the 2-core VM). Minutes keep each partition small at any provisioning rate, and the inverted
 * minute keeps "newest first" a plain key-ordered range query across the job's partitions.
 */
export function logPartitionKey(jobId: string, activityDateTime: string): string {
  const minute = Math.floor(Date.parse(activityDateTime) / 60_000);
  return `${encodeTableKey(jobId)}|${String(MAX_MINUTE - minute).padStart(DIGITS, '0')}`;
}

/** The key range holding every partition of one job: `PartitionKey ge from and PartitionKey lt to`. */
export function logPartitionRange(jobId: string): { from: string; to: string } {
  // '}' is the character after '|', so the range is exactly the keys that start with `<jobId>|`.
  const job = encodeTableKey(jobId);
  return { from: `${job}|`, to: `${job}}` };
}
