import { createHash } from 'node:crypto';
import { indexPartition } from './indexKeys';
import { partitionOf } from '../../state/tables/partitionOf';
import { RandomPool } from './randomPool';
import { tableKey } from './tableKey';

/**
 * Ids the store mints (layout 4): `<partition>-<claim hash>-<random>`, e.g. `3f-9b2d...(24 hex)-41c0...(12 hex)`.
 * The partition and the hash name the row of the resource's unique value (userName, displayName: claimKeys), so
 * that a resource created under its name needs no row but that one: `get(id)` reads it directly, and a create is
 * a single insert (docs/scim-storage.md). The random part keeps ids unique over time: a userName deleted and
 * created again gets a new id (RFC 7643 §3.1: ids are never reassigned). A SCIM id is an opaque string chosen by
 * the service provider (RFC 7643 §3.1), so clients see nothing unusual.
 */
const MINTED = /^([0-9a-f]{2,8})-([0-9a-f]{24})-[0-9a-f]{12}$/;

/** 96 bits of SHA-256: the chance that two of ten million names collide is about 10^-15. */
const CLAIM_HASH_HEX = 24;

/** The RowKey part that names a unique value (claimKeys); also the middle of the ids minted for it. */
export function claimHash(uniqueKey: string): string {
  return createHash('sha256').update(uniqueKey).digest('hex').slice(0, CLAIM_HASH_HEX);
}

/** 48 random bits per id: unique over the re-creations of one name. */
const idBytes = new RandomPool(6, 512);

export function mintResourceId(uniqueKey: string, partitions: number): string {
  return `${indexPartition(uniqueKey, partitions)}-${claimHash(uniqueKey)}-${idBytes.next('hex')}`;
}

/** Where the claim row a minted id was created under lives (its home), or undefined for an id the store did not mint. */
export function homeClaimKeys(id: string): { partitionKey: string; rowKey: string } | undefined {
  const minted = MINTED.exec(id);
  return minted ? { partitionKey: minted[1]!, rowKey: claimRowKey(minted[2]!) } : undefined;
}

/** Claim rows: `k|<claimHash>`, outside the id-row range that scans read. */
export function claimRowKey(hash: string): string {
  return `k|${hash}`;
}

/**
 * Where the id row of `id` lives: a resource whose truth is not its home claim (renamed away from the name it was
 * created under, or given its id by the caller) keeps it here. A minted id names its partition; any other id
 * (assigned by a caller, the port's older contract) is hashed into a bucket.
 */
export function idRowKeys(id: string, partitions: number): { partitionKey: string; rowKey: string } {
  const key = tableKey(id, 'id');
  const minted = MINTED.exec(id);
  return { partitionKey: minted ? minted[1]! : partitionOf(key, partitions), rowKey: `i|${key}` };
}

/** Id rows sort in `[i|, i})`: scans ask for that range, and for home rows (`home eq true`), and skip the rest. */
export const ID_ROW_RANGE = { from: 'i|', to: 'i}' } as const;
