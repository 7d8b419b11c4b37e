/**
 * What expressions may read besides the object's attributes. The core stays pure (DESIGN principle 2):
 * the clock and randomness come in here, so tests fix them and the planner decides them once per object.
 */
export interface EvaluationEnvironment {
  /** The instant Now() returns. */
  now: Date;
  /** A uniform random number in [0, 1), for RandomString and Guid. */
  random(): number;
  /** The domain DefaultDomain() returns (Entra: the tenant's default verified domain); null when not configured. */
  defaultDomain: string | null;
}

/** A fixed environment for tests and previews: a given instant and a seeded, repeatable random source. */
export function fixedEnvironment(now = new Date('2026-01-01T00:00:00Z'), seed = 1, defaultDomain: string | null = null): EvaluationEnvironment {
  let state = seed >>> 0 || 1;
  return {
    now,
    defaultDomain,
    random: () => {
      // xorshift32: small, fast and repeatable; not for secrets.
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state / 0x1_0000_0000;
    },
  };
}
