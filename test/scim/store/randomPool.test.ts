import { RandomPool } from '../../../src/scim/store/randomPool';

describe('RandomPool', () => {
  it('hands out draws of its size, none repeated, across refills', () => {
    const pool = new RandomPool(6, 4);
    const draws = Array.from({ length: 50 }, () => pool.next('hex'));
    for (const d of draws) expect(d).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(draws).size).toBe(50);
    expect(new RandomPool(9).next('base64url')).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
