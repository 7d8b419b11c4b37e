import { nextOccurrence, parseNcrontab } from '../../src/scheduling/ncrontab';

const next = (expression: string, after: string) => nextOccurrence(parseNcrontab(expression), new Date(after)).toISOString();

describe('NCRONTAB', () => {
  it.each([
    ['0 */5 * * * *', '2026-11-21T10:02:30Z', '2026-11-21T10:05:00.000Z'],
    ['0 0 * * * *', '2026-11-21T10:00:00Z', '2026-11-21T11:00:00.000Z'],
    ['0 30 9 * * 1-5', '2026-11-21T10:00:00Z', '2026-11-23T09:30:00.000Z'], // Saturday -> Monday
    ['0 30 9 * * Mon-Fri', '2026-11-21T10:00:00Z', '2026-11-23T09:30:00.000Z'],
    ['0 30 3 * * *', '2026-11-21T03:30:00Z', '2026-11-22T03:30:00.000Z'],
    ['*/10 * * * * *', '2026-11-21T10:00:05Z', '2026-11-21T10:00:10.000Z'],
    ['0 0 0 29 Feb *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 0 12 1,15 * *', '2026-11-02T00:00:00Z', '2026-11-15T12:00:00.000Z'],
    ['0 0 0 31 12 *', '2026-12-31T00:00:00Z', '2027-12-31T00:00:00.000Z'],
  ])('%s after %s is %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it.each([
    ['* * * * *', 'has 5 fields'],
    ['60 * * * * *', "'60' in the second field"],
    ['0 0 25 * * *', "'25' in the hour field"],
    ['0 0 0 * Foo *', "'Foo' in the month field"],
    ['0 */0 * * * *', 'bad step'],
    ['0 10-5 * * * *', 'reversed range'],
  ])('rejects %s', (expression, message) => {
    expect(() => parseNcrontab(expression)).toThrow(message);
  });

  it('says when a schedule never fires', () => {
    expect(() => nextOccurrence(parseNcrontab('0 0 0 31 2 *'), new Date('2026-01-01T00:00:00Z'))).toThrow('never fires');
  });
});
