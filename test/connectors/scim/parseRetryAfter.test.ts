import { parseRetryAfter } from '../../../src/connectors/scim/parseRetryAfter';

const NOW = Date.parse('2026-11-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number]>([
    ['0', 0],
    ['1', 1000],
    ['120', 120000],
    [' 3 ', 3000],
    ['Mon, 02 Nov 2026 10:01:00 GMT', 60000],
    ['Mon, 02 Nov 2026 09:00:00 GMT', 0], // in the past: now
    [null, 5000],
    [undefined, 5000],
    ['', 5000],
    ['-1', 5000],
    ['1.5', 5000],
    ['soon', 5000],
  ])('%p -> %p ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it('uses the given default', () => {
    expect(parseRetryAfter(undefined, NOW, 250)).toBe(250);
  });
});
