import type { ExpressionValue } from '../../../src/expressions/expressionValue';
import { evaluate } from './evaluate';

type Row = [string, Record<string, ExpressionValue>, ExpressionValue];

describe('logic functions (reference §1.2 examples and edge cases)', () => {
  it.each<Row>([
    // BitAnd
    ['BitAnd(&HF, &HF7)', {}, 7],
    ['BitAnd([uac], 2)', { uac: '514' }, 2],
    ['BitAnd([uac], 2)', { uac: '512' }, 0],
    ['BitAnd([uac], 2)', {}, null],
    // CBool
    ['CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'a' }, 'True'],
    ['CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'b' }, 'False'],
    ['CBool([n])', { n: '5' }, 'True'],
    ['CBool([n])', { n: '-1' }, 'True'],
    ['CBool([n])', { n: '0' }, 'False'],
    ['CBool([n])', { n: 'true' }, 'True'],
    ['CBool([n])', {}, 'False'],
    ['CBool([n])', { n: '' }, 'False'],
    // IIF, with the documented AND/OR nesting
    ['IIF([country]="USA",[country],[department])', { country: 'USA', department: 'Sales' }, 'USA'],
    ['IIF([country]="USA",[country],[department])', { country: 'FR', department: 'Sales' }, 'Sales'],
    ['IIF([country]="USA",IIF([state]="CA","True","False"),"False")', { country: 'USA', state: 'CA' }, 'True'],
    ['IIF([country]="USA",IIF([state]="CA","True","False"),"False")', { country: 'USA', state: 'WA' }, 'False'],
    ['IIF([country]="USA","True",IIF([state]="CA","True","False"))', { country: 'FR', state: 'CA' }, 'True'],
    ['IIF([country]="USA","True",IIF([state]="CA","True","False"))', { country: 'FR', state: 'WA' }, 'False'],
    // Unverified in the reference: a NULL/empty condition takes the false branch here.
    ['IIF([country]="","empty","set")', { country: '' }, 'set'],
    ['IIF([country],"yes","no")', {}, 'no'],
    ['IIF([country]<>"USA","yes","no")', {}, 'no'],
    // Switch: documented examples
    ['Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney", "QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'QLD' }, 'Australia/Brisbane'],
    ['Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney", "QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'WA' }, 'Australia/Sydney'],
    ['Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: '' }, '0'],
    ['Switch([statusFlag], "Default Value", "true", "1", "", "0")', {}, '0'],
    ['Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: 'TRUE' }, 'Default Value'],
    ['Switch([country],[country],"","Other")', {}, 'Other'],
    ['Switch([country],[country],"","Other")', { country: 'FR' }, 'FR'],
    ['Switch([x], , "a", "1")', { x: 'b' }, null],
    ['Switch([x], "d")', { x: 'b' }, 'd'],
    // Microsoft's rewrite of Switch into IIF for the Switch bug gives the same answers.
    ['IIF([companyName] = "Company A", "A", IIF([companyName] = "Company B", "B", "External"))', { companyName: 'Company B' }, 'B'],
    ['Switch([companyName], "External", "Company A", "A", "Company B", "B")', { companyName: 'Company B' }, 'B'],
    // IgnoreFlowIfNullOrEmpty, with the documented example
    ['IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))', { prefix: '9999' }, null],
    ['IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))', { prefix: '3444' }, 'Prof.'],
    ['IgnoreFlowIfNullOrEmpty([x])', {}, null],
    ['IgnoreFlowIfNullOrEmpty([x])', { x: ['a'] }, ['a']],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));

  it('Switch with a key that has no value fails', () => {
    expect(() => evaluate('Switch([x], "d", "a")', { x: 'a' })).toThrow('Switch takes a source, a default value and key/value pairs; got 3 arguments');
  });

  it('BitAnd and CBool reject text that is not a number', () => {
    expect(() => evaluate('BitAnd("x", 1)')).toThrow("BitAnd: 'x' is not a whole number");
    expect(() => evaluate('CBool("maybe")')).toThrow("CBool: 'maybe' is neither a number nor True/False");
  });

  it('DefaultDomain reads env.defaultDomain and says how to set it', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(evaluate('DefaultDomain()', {}, now, 'contoso.com')).toBe('contoso.com');
    expect(evaluate('Join("", "jsmith", "@", DefaultDomain())', {}, now, 'contoso.com')).toBe('jsmith@contoso.com');
    expect(() => evaluate('DefaultDomain()')).toThrow("set the job's settings.defaultDomain");
  });
});

describe('SelectUniqueValue returns the candidates in rule order for the planner', () => {
  const upn = (first: string): string => `Join("@", Join(".", ${first}, [PreferredLastName]), "contoso.com")`;

  it.each<Row>([
    [`SelectUniqueValue(${upn('[PreferredFirstName]')}, ${upn('"J"')}, ${upn('"Jo"')})`, { PreferredFirstName: 'John', PreferredLastName: 'Smith' }, ['John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com']],
    ['SelectUniqueValue([a], [b], [c])', { a: '', c: 'c1' }, ['c1']],
    ['SelectUniqueValue([a], [b])', { a: 'x', b: 'x' }, ['x']],
    ['SelectUniqueValue([a], [b])', {}, []],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));
});
