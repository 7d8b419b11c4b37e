/**
 * The partition a key lives in: FNV-1a of the key modulo `partitions`, as two or more hex digits.
 *
 * Why hash buckets and not one partition per key: Azure Table transactions (entity group transactions) only
 * span one partition, so rows of concurrent requests can share a transaction only when they share a
 * partition. Why not one big partition: Azurite finds a row by scanning its partition, so a point read slows
 * down with partition size (on real Table Storage a partition serves about 2,000 entities/s). Measured on
 * Azurite (docs/scim-storage.md): more buckets won, 256 over 32 over 4. Used by the SCIM store (src/scim/store)
 * and the staging table (stagingBucket).
 */
export function partitionOf(key: string, partitions: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % partitions).toString(16).padStart(Math.max(2, (partitions - 1).toString(16).length), '0');
}
