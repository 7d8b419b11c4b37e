import { STAGING_BUCKETS, stagingBucket } from '../../../src/state/tables/stagingBucket';

describe('stagingBucket', () => {
  it('is stable, two hex digits, and spreads counter-like keys over every bucket', () => {
    // Pinned: rows are found by it, so it must never change between versions (FNV-1a of "a" is 0xe40c292c).
    expect(stagingBucket('00u1a2b3c4d5e6f7g8h9')).toBe(stagingBucket('00u1a2b3c4d5e6f7g8h9'));
    expect(['', 'a', 'user-1', 'Ünïcödé 😀'].map(stagingBucket)).toEqual(['c5', '2c', '74', '37']);
    const counts = new Map<string, number>();
    for (let i = 0; i < 25_600; i++) {
      const bucket = stagingBucket(`user-${i}`);
      expect(bucket).toMatch(/^[0-9a-f]{2}$/);
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    expect(counts.size).toBe(STAGING_BUCKETS);
    // 100 a bucket on average; none more than twice that.
    expect(Math.max(...counts.values())).toBeLessThan(200);
  });
});
