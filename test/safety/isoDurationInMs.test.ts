import { isoDurationInMs } from '../../src/safety/isoDurationInMs';

const HOUR = 3_600_000;

describe('isoDurationInMs', () => {
  it.each([
    ['PT6H', 6 * HOUR],
    ['PT12H', 12 * HOUR],
    ['P1D', 24 * HOUR],
    ['P28D', 28 * 24 * HOUR],
    ['PT40M', 40 * 60_000],
    ['PT30S', 30_000],
    ['P1DT6H30M15S', 30 * HOUR + 30 * 60_000 + 15_000],
  ])('%s is %d ms', (duration, ms) => {
    expect(isoDurationInMs(duration)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1W', '6H', 'PT1.5H', 'P1DT'])('rejects %j', (duration) => {
    expect(() => isoDurationInMs(duration)).toThrow(RangeError);
  });
});
