import type { ExpressionValue } from '../../../src/expressions/expressionValue';
import { evaluate } from './evaluate';

type Row = [string, Record<string, ExpressionValue>, ExpressionValue];
const hire = { StatusHireDate: '2012-03-16-07:00' };

describe('CDate (reference §1.2 examples)', () => {
  it.each<Row>([
    ['CDate([d])', { d: '2020-03-16-07:00' }, '3/16/2020 7:00:00 AM'],
    ['CDate([d])', { d: '2021-06-30+08:00' }, '6/29/2021 4:00:00 PM'],
    ['CDate([d])', { d: '2009-06-15T01:45:30-07:00' }, '6/15/2009 8:45:30 AM'],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));
});

describe('CDate parses common .NET forms into UTC', () => {
  it.each<[string, ExpressionValue]>([
    ['8/25/2021 5:41:18 PM', '8/25/2021 5:41:18 PM'],
    ['2021-08-25T17:41:18Z', '8/25/2021 5:41:18 PM'],
    ['2021-08-25T17:41:18.1234567Z', '8/25/2021 5:41:18 PM'],
    ['2021-08-25 17:41', '8/25/2021 5:41:00 PM'],
    ['2021-08-25T10:00:00+0530', '8/25/2021 4:30:00 AM'],
    ['2021-08-25T10:00+02', '8/25/2021 8:00:00 AM'],
    ['2021-08-24', '8/24/2021 12:00:00 AM'],
    ['2021/08/24', '8/24/2021 12:00:00 AM'],
    ['25 Aug 2021', '8/25/2021 12:00:00 AM'],
    ['Wednesday, August 25, 2021 12:05 PM', '8/25/2021 12:05:00 PM'],
    ['8/25/21 12:00:00 AM', '8/25/2021 12:00:00 AM'],
    ['2020-02-29', '2/29/2020 12:00:00 AM'],
    ['  2021-01-01T00:00:00Z  ', '1/1/2021 12:00:00 AM'],
  ])('%s → %s', (input, expected) => expect(evaluate('CDate([d])', { d: input })).toEqual(expected));

  it('passes NULL and "" through as NULL', () => {
    expect(evaluate('CDate([d])')).toBeNull();
    expect(evaluate('CDate([d])', { d: '' })).toBeNull();
  });

  it.each(['not a date', '2021-02-29', '13/1/2021', '2021-08-25T25:00', '2021-08-25T10:00+15:00'])('rejects %s', (input) => {
    expect(() => evaluate('CDate([d])', { d: input })).toThrow(`CDate: '${input}' is not a date`);
  });
});

describe('DateAdd (every row of reference §1.3)', () => {
  it.each<[string, number, string]>([
    ['d', 7, '3/23/2012 7:00:00 AM'],
    ['d', -10, '3/6/2012 7:00:00 AM'],
    ['ww', 2, '3/30/2012 7:00:00 AM'],
    ['m', 10, '1/16/2013 7:00:00 AM'],
    ['yyyy', 2, '3/16/2014 7:00:00 AM'],
  ])('DateAdd("%s", %d, CDate([StatusHireDate]))', (interval, value, expected) => {
    expect(evaluate(`DateAdd("${interval}", ${value}, CDate([StatusHireDate]))`, hire)).toBe(expected);
  });
});

describe('DateAdd edge cases', () => {
  it.each<Row>([
    ['DateAdd("m", 1, CDate("2021-01-31"))', {}, '2/28/2021 12:00:00 AM'],
    ['DateAdd("m", 1, CDate("2020-01-31"))', {}, '2/29/2020 12:00:00 AM'],
    ['DateAdd("yyyy", 1, CDate("2020-02-29"))', {}, '2/28/2021 12:00:00 AM'],
    ['DateAdd("yyyy", 4, CDate("2020-02-29"))', {}, '2/29/2024 12:00:00 AM'],
    ['DateAdd("m", -2, CDate("2021-03-31T10:00:00Z"))', {}, '1/31/2021 10:00:00 AM'],
    ['DateAdd("m", -13, CDate("2021-03-31"))', {}, '2/29/2020 12:00:00 AM'],
    ['DateAdd("d", 1, CDate("2020-02-28"))', {}, '2/29/2020 12:00:00 AM'],
    ['DateAdd("d", 1, CDate("2020-12-31T23:30:00Z"))', {}, '1/1/2021 11:30:00 PM'],
    ['DateAdd("h", -1, CDate("2021-01-01"))', {}, '12/31/2020 11:00:00 PM'],
    ['DateAdd("n", 90, "8/25/2021 5:41:18 PM")', {}, '8/25/2021 7:11:18 PM'],
    ['DateAdd("s", "-18", Now())', {}, '12/31/2025 11:59:42 PM'],
    ['DateAdd("q", 1, CDate("2021-11-30"))', {}, '2/28/2022 12:00:00 AM'],
    ['DateAdd("D", 1.9, CDate("2021-01-01"))', {}, '1/2/2021 12:00:00 AM'],
    ['DateAdd("d", 1, [missing])', {}, null],
    ['DateAdd("d", 1, FormatDateTime("20150123", , "yyyyMMdd", "yyyy-MM-dd"))', {}, '1/24/2015 12:00:00 AM'],
  ])('%s → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));

  it('rejects an unknown interval, a non-number and a date past 9999', () => {
    expect(() => evaluate('DateAdd("days", 1, Now())')).toThrow("DateAdd: unknown interval 'days'");
    expect(() => evaluate('DateAdd("d", "x", Now())')).toThrow("DateAdd: 'x' is not a number");
    expect(() => evaluate('DateAdd("yyyy", 8000, Now())')).toThrow('outside the range');
  });
});

describe('DateDiff (every row of reference §1.3)', () => {
  it.each<[string, string, string, number]>([
    ['d', '2021-08-18+08:00', '2021-08-31+08:00', 13],
    ['d', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -3449],
    ['ww', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -493],
    ['m', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -113],
    ['yyyy', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -9],
    ['d', '2021-08-31+08:00', '2021-08-31+08:00', 0],
    ['h', '2021-08-24', '2021-08-25', 24],
    ['n', '2021-08-24', '2021-08-25', 1440],
    ['s', '2021-08-24', '2021-08-25', 86400],
  ])('DateDiff("%s", CDate("%s"), CDate("%s")) = %d', (interval, date1, date2, expected) => {
    expect(evaluate(`DateDiff("${interval}", CDate([a]), CDate([b]))`, { a: date1, b: date2 })).toBe(expected);
  });
});

describe('DateDiff edge cases', () => {
  it.each<Row>([
    // Boundaries: one second across New Year is a year, a month and (2022-01-01 is a Saturday) no week.
    ['DateDiff("yyyy", "2021-12-31T23:59:59Z", "2022-01-01T00:00:00Z")', {}, 1],
    ['DateDiff("m", "2021-12-31T23:59:59Z", "2022-01-01T00:00:00Z")', {}, 1],
    ['DateDiff("d", "2021-12-31T23:59:59Z", "2022-01-01T00:00:00Z")', {}, 0],
    ['DateDiff("ww", "2022-01-01", "2022-01-02")', {}, 1],
    ['DateDiff("w", "2022-01-01", "2022-01-14")', {}, 1],
    ['DateDiff("q", "2021-03-31", "2021-04-01")', {}, 1],
    ['DateDiff("d", "2020-02-28", "2020-03-01")', {}, 2],
    ['DateDiff("d", "2021-02-28", "2021-03-01")', {}, 1],
    ['DateDiff("h", "2021-08-25T10:00:00Z", "2021-08-25T09:00:01Z")', {}, 0],
    ['DateDiff("d", [missing], Now())', {}, null],
  ])('%s → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));
});

describe('Switch + IIF + DateDiff + Now: the Workday example of reference §1.3', () => {
  const expression = `Switch([Active], ,
    "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"),
    "0", "False")`;
  const now = new Date('2021-08-25T17:41:18Z');

  it.each<[Record<string, ExpressionValue>, ExpressionValue]>([
    [{ Active: '1', StatusHireDate: '2021-08-28-07:00' }, 'True'],
    [{ Active: '1', StatusHireDate: '2021-08-30T17:41:18Z' }, 'True'],
    [{ Active: '1', StatusHireDate: '2021-09-15-07:00' }, 'False'],
    [{ Active: '1', StatusHireDate: '2012-03-16-07:00' }, 'True'],
    [{ Active: '0', StatusHireDate: '2021-08-28-07:00' }, 'False'],
    [{ Active: '2', StatusHireDate: '2021-08-28-07:00' }, null],
  ])('%j → %j', (attributes, expected) => expect(evaluate(expression, attributes, now)).toEqual(expected));
});

describe('DateFromNum and NumFromDate (FILETIME)', () => {
  it.each<Row>([
    ['DateFromNum(129699324000000000)', {}, '1/1/2012 11:00:00 PM'],
    ['DateFromNum([accountExpires])', { accountExpires: '129699324000000000' }, '1/1/2012 11:00:00 PM'],
    ['DateFromNum(0)', {}, '1/1/1601 12:00:00 AM'],
    ['DateFromNum([x])', {}, null],
    ['NumFromDate("2012-01-01T23:00:00Z")', {}, '129699324000000000'],
    ['NumFromDate("2021-08-25T17:41:18.1234567Z")', {}, '132743868781234567'],
    ['NumFromDate("1601-01-01T00:00:00Z")', {}, '0'],
    ['NumFromDate([x])', {}, null],
  ])('%s → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));

  it("reproduces NumFromDate's documented accountExpires example (reference §1.2)", () => {
    const expression = 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz","yyyy-MM-dd"), " 23:59:59-08:00"))';
    // 2020-12-31 23:59:59 at -08:00 is 2021-01-01T07:59:59Z.
    expect(evaluate(expression, { ContractEndDate: '2020-12-31-08:00' })).toBe('132539615990000000');
  });

  it('rejects what is no FILETIME or no ISO date', () => {
    expect(() => evaluate('DateFromNum("abc")')).toThrow("DateFromNum: 'abc' is not an Int64 FILETIME");
    expect(() => evaluate('DateFromNum("9223372036854775807")')).toThrow('outside the range');
    expect(() => evaluate('DateFromNum(-1)')).toThrow('negative');
    expect(() => evaluate('NumFromDate("8/25/2021 5:41:18 PM")')).toThrow('not an ISO 8601 date');
  });
});

describe('FormatDateTime', () => {
  it.each<Row>([
    // The documented example (reference §1.2): AD generalized time to a date.
    ['FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' }, '2015-01-23'],
    // The inner call of NumFromDate's example.
    ['FormatDateTime([d], ,"yyyy-MM-ddzzz","yyyy-MM-dd")', { d: '2020-12-31-08:00' }, '2020-12-31'],
    // Graph's older three-argument form.
    ['FormatDateTime([d], "yyyyMMdd", "yyyy-MM-dd")', { d: '20150123' }, '2015-01-23'],
    ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ss.fffffffK", "dd/MM/yy h:mm:ss.FFF tt zzz K")', { d: '2021-08-25T17:41:18.1200000Z' }, '25/08/21 5:41:18.12 PM +00:00 Z'],
    ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFF K")', { d: '2021-08-25T17:41:18+02:00' }, '2021-08-25 15:41:18 +00:00'],
    ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ss", "o")', { d: '2021-08-25T17:41:18' }, '2021-08-25T17:41:18.0000000'],
    ['FormatDateTime([d], "AdjustToUniversal", "yyyy-MM-ddTHH:mm:sszzz", "o")', { d: '2021-08-25T17:41:18-07:00' }, '2021-08-26T00:41:18.0000000Z'],
    ['FormatDateTime([d], "AssumeUniversal, AllowWhiteSpaces", "M/d/yyyy h:mm tt", "s")', { d: ' 8/5/2021  9:05 am ' }, '2021-08-05T09:05:00'],
    ['FormatDateTime([d], , "dddd, MMMM d, yyyy", "MMM dd yyyy (ddd)")', { d: 'Wednesday, August 25, 2021' }, 'Aug 25 2021 (Wed)'],
    // A backslash escapes the next character: \M and \d print the letters themselves.
    ['FormatDateTime([d], , "\'on\' d.M.yyyy", "yyyy\\\\MM\\\\dd")', { d: 'on 5.8.2021' }, '2021M8d5'],
    ['FormatDateTime([d], , "HH:mm", "yyyy-MM-dd HH:mm")', { d: '07:30' }, '2026-01-01 07:30'],
    ['FormatDateTime([d], "NoCurrentDateDefault", "HH:mm", "yyyy-MM-dd HH:mm")', { d: '07:30' }, '0001-01-01 07:30'],
    ['FormatDateTime([d], , "yyyyMM", "yyyy-MM-dd")', { d: '202102' }, '2021-02-01'],
    ['FormatDateTime([d], , "yyyy-MM-dd", "%d")', { d: '2021-02-05' }, '5'],
    ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy-MM-dd")', { d: '' }, null],
    ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy-MM-dd")', {}, null],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));

  it.each<[string, Record<string, ExpressionValue>, string]>([
    ['FormatDateTime([d], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { d: '20150123' }, "format 'yyyyMMddHHmmss.fZ' at position 8: cannot read '20150123' at character 8: expected 2 digit(s) for 'HH'"],
    ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy")', { d: '2021-02-30' }, '2021-2-30 is not a date'],
    ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy")', { d: '2021-02-03x' }, "'x' is left over"],
    ['FormatDateTime([d], "None", "yyyy-MM-dd", "yyyy")', { d: ' 2021-02-03' }, 'expected 4 digit(s)'],
    ['FormatDateTime([d], "Sideways", "yyyy", "yyyy")', { d: '2021' }, "unknown dateTimeStyles name 'Sideways'"],
    ['FormatDateTime([d], "RoundtripKind,AdjustToUniversal", "yyyy", "yyyy")', { d: '2021' }, 'RoundtripKind cannot be combined'],
    ['FormatDateTime([d], , "yyyy \'open", "yyyy")', { d: '2021' }, "format 'yyyy 'open' at position 5: the quote ' is not closed"],
    ['FormatDateTime([d], , "yyyy gg", "yyyy")', { d: '2021' }, "the era specifier 'g' is not supported"],
    ['FormatDateTime([d], , "ddd yyyy-MM-dd", "yyyy")', { d: 'Mon 2021-08-25' }, 'the day name does not match'],
    ['FormatDateTime([d], , "yyyy", "Q")', { d: '2021' }, "'Q' is not a supported standard format"],
  ])('%s with %j fails: %s', (text, attributes, message) => {
    expect(() => evaluate(text, attributes)).toThrow(message);
  });
});

describe('Now', () => {
  it('renders env.now in UTC as M/d/yyyy h:mm:ss tt', () => {
    expect(evaluate('Now()', {}, new Date('2021-07-02T15:33:38.999Z'))).toBe('7/2/2021 3:33:38 PM');
    expect(evaluate('Now()', {}, new Date('2021-07-02T00:05:00Z'))).toBe('7/2/2021 12:05:00 AM');
  });
});
