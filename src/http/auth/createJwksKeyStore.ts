import type { KeyObject } from 'node:crypto';
import type { AuthFailure } from './authResult';
import { parseJwks } from './parseJwks';

export type FetchJwks = (uri: string) => Promise<unknown>;

export interface JwksKeyStoreOptions {
  jwksUri: string;
  fetchJwks: FetchJwks;
  now: () => Date;
  /** At most one fetch per this interval, whatever the outcome; default one minute. */
  minRefetchIntervalInMs?: number;
  /** A set older than this is refetched on next use (failure keeps it); default 24 hours. */
  maxAgeInMs?: number;
}

export interface JwksKeyStore {
  /** The verification key with this `kid`, fetching the tenant's key set when needed. Never throws. */
  findKey(kid: string): Promise<{ ok: true; key: KeyObject } | AuthFailure>;
}

/**
 * Caches a tenant's JWK Set. Microsoft rolls its signing keys periodically and, in an emergency, at once
 * ("Signing key rollover in the Microsoft identity platform"), so a `kid` the cache does not know triggers
 * a refetch; the refetch happens at most once a minute so that tokens with made-up `kid`s cannot make
 * this service hammer the key endpoint. A failed fetch keeps the set already cached. Concurrent requests
 * share one fetch.
 */
export function createJwksKeyStore(options: JwksKeyStoreOptions): JwksKeyStore {
  const minRefetchIntervalInMs = options.minRefetchIntervalInMs ?? 60_000;
  const maxAgeInMs = options.maxAgeInMs ?? 24 * 60 * 60_000;
  let keys: ReadonlyMap<string, KeyObject> | undefined;
  let fetchedAtMs = 0;
  let lastAttemptAtMs: number | undefined;
  let inFlight: Promise<void> | undefined;

  const mayFetch = (nowMs: number): boolean => lastAttemptAtMs === undefined || nowMs - lastAttemptAtMs >= minRefetchIntervalInMs;

  async function refresh(): Promise<void> {
    lastAttemptAtMs = options.now().getTime();
    try {
      const fetched = parseJwks(await options.fetchJwks(options.jwksUri));
      // An empty or unusable set is treated like a failed fetch: dropping every key would lock Entra out.
      if (fetched.size > 0) {
        keys = fetched;
        fetchedAtMs = options.now().getTime();
      }
    } catch {
      // Keep what is cached; the caller reports the missing key.
    }
  }

  function refreshOnce(): Promise<void> {
    inFlight ??= refresh().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    async findKey(kid) {
      const nowMs = options.now().getTime();
      const stale = keys !== undefined && nowMs - fetchedAtMs >= maxAgeInMs;
      if (inFlight) await inFlight;
      else if ((!keys?.has(kid) || stale) && mayFetch(nowMs)) await refreshOnce();
      const key = keys?.get(kid);
      if (key) return { ok: true, key };
      return { ok: false, reason: keys ? 'JWT kid is not in the signing key set' : 'signing key set is unavailable' };
    },
  };
}
