/** Partitions per job and object type in the staging table (tableStagingStore.ts rowKeys). */
export const STAGING_BUCKETS = 256;

/**
 * The staging partition a source key falls in: FNV-1a (32 bits) of its UTF-16 code units, modulo
 * STAGING_BUCKETS, as two hex digits. Stable across processes and versions (rows are found by it), cheap (no
 * crypto per row), and spread evenly enough for keys that differ only in a counter.
 */
export function stagingBucket(sourceKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sourceKey.length; i++) {
    hash ^= sourceKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % STAGING_BUCKETS).toString(16).padStart(2, '0');
}
