import { encodeTableKey } from './tableKey';

/** Minutes from the epoch to the largest Date; subtracting from it inverts time order. */
const MAX_MINUTE = Math.floor(8_640_000_000_000_000 / 60_000);
const DIGITS = String(MAX_MINUTE).length;

/**
 * A job's log entries are spread over one partition per second, `<jobId>|<inverted minute>-<inverted second>`,
 * not one partition per job. Why: a partition is the unit Azure Tables serves from one server (about 2,000
 * entities/s per partition is the documented scalability target), and Azurite, which finds a row by walking its
 * partition, slowed a 100-entry log transaction from 40 ms to 570 ms as one job's partition grew to 32,000 entries
 * (measured on the 2-core VM). Minutes were enough at 90 objects/s; an initial cycle reconciled in process writes
 * 1,000 entries a second, which made a minute's partition 60,000 entries and its transactions seconds long. The
 * inverted minute and second keep "newest first" a plain key-ordered range query across the job's partitions; a
 * minute partition written by an earlier build (`<jobId>|<inverted minute>`) sorts just before that minute's
 * second partitions, so it is still listed and purged in place.
 */
export function logPartitionKey(jobId: string, activityDateTime: string): string {
  const second = Math.floor(Date.parse(activityDateTime) / 1000);
  const minute = Math.floor(second / 60);
  const inMinute = second - minute * 60;
  return `${encodeTableKey(jobId)}|${String(MAX_MINUTE - minute).padStart(DIGITS, '0')}-${String(59 - inMinute).padStart(2, '0')}`;
}

/** The key range holding every partition of one job: `PartitionKey ge from and PartitionKey lt to`. */
export function logPartitionRange(jobId: string): { from: string; to: string } {
  // '}' is the character after '|', so the range is exactly the keys that start with `<jobId>|`.
  const job = encodeTableKey(jobId);
  return { from: `${job}|`, to: `${job}}` };
}
