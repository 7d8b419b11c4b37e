import { compileDotNetRegex } from '../../src/expressions/compileDotNetRegex';

describe('compileDotNetRegex', () => {
  it.each<[string, string, boolean]>([
    // reference/entra-engine.md §2.2 and §1.2 examples
    ['.*\\@domain.com', 'jsmith@domain.com', true],
    ['.*\\@domain.com', 'jsmith@other.com', false],
    ['([1-9][0-9])', 'x42', true],
    ['(1[0-9][0-9][0-9][0-9][0-9][0-9])', 'W1234567', true],
    ['(1[0-9][0-9][0-9][0-9][0-9][0-9])', '0234567', false],
    ['\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})', '+91 9998887777', true],
    ['[()\\s-]+', '(999)', true],
    // .NET spellings JavaScript's u mode would reject or read differently
    ['a{', 'a{', true],
    ['a{,2}', 'a{,2}', true],
    ['x}', 'x}', true],
    ['[]a]', ']', true],
    ['[\\w\\-.]+', '-', true],
    ['\\#\\ \\\'', "# '", true],
    ['^abc$', 'abc\n', true],
    ['^abc\\z', 'abc\n', false],
    ['\\Aabc\\Z', 'abc\n', true],
    ['a.c', 'a\nc', false],
    ['(?s)a.c', 'a\nc', true],
    ['a.c', 'a\rc', true],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b', 'a\nb', false],
    ['(?i)ABC', 'abc', true],
    ['ABC', 'abc', false],
    ["(?'n'x)\\k'n'", 'xx', true],
    ['(?<n>x)\\k<n>', 'xx', true],
    ['(?#comment)a', 'a', true],
    ['\\d', '\u0663', true],
    ['\\p{Lu}', 'É', true],
    ['\\e\\a\\0', '\x1B\x07\0', true],
    ['(a)\\1', 'aa', true],
  ])('%s on %j is %s', (pattern, text, expected) => {
    expect(compileDotNetRegex(pattern).test(text)).toBe(expected);
  });

  it.each([
    ['(', 'not a valid regular expression'],
    ['[a', 'unclosed character class'],
    ['\\q', 'the escape \\q'],
    ['\\', 'trailing backslash'],
    ['a**', 'not a valid regular expression'],
    ['(?>a)', 'atomic group'],
    ['(?(a)b|c)', 'conditional'],
    ['(?<1>a)', 'numbered group'],
    ['(?<a-b>x)', 'balancing group'],
    ['[a-z-[aeiou]]', 'subtraction'],
    ['a(?i)b', 'inline options'],
    ['\\G', '\\G'],
    ['\\p{IsGreek}', 'not a valid regular expression'],
  ])('rejects %j', (pattern, message) => {
    expect(() => compileDotNetRegex(pattern)).toThrow(SyntaxError);
    expect(() => compileDotNetRegex(pattern)).toThrow(message);
  });
});
