import { partitionOf } from './partitionOf';

/** Partitions per job and object type in the staging table (tableStagingStore.ts rowKeys). */
export const STAGING_BUCKETS = 256;

/**
 * The staging partition a source key falls in: partitionOf (FNV-1a of the key) over STAGING_BUCKETS, two hex
 * digits. Stable across processes and versions (rows are found by it), cheap (no crypto per row).
 */
export function stagingBucket(sourceKey: string): string {
  return partitionOf(sourceKey, STAGING_BUCKETS);
}
