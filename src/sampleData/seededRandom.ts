/** A reproducible source of randomness: the same seed always gives the same sequence. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded generator: the seed text is hashed (FNV-1a) to 32 bits, which drive a xorshift32 generator
 * stirred by a Weyl sequence. Statistical quality is ample for invented HR data and nothing here is
 * security-relevant; Math.random cannot be seeded, hence this.
 */
export function seededRandom(seed: string): SeededRandom {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let state = hash || 0x9e3779b9;
  let weyl = 0;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    weyl = (weyl + 0x9e3779b9) >>> 0;
    return ((state + weyl) >>> 0) / 0x1_0000_0000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
