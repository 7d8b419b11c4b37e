import { ExpressionEvaluationError } from '../../../src/expressions/ExpressionEvaluationError';
import { evaluateExpression } from '../../../src/expressions/evaluateExpression';
import { fixedEnvironment } from '../../../src/expressions/evaluationEnvironment';
import type { ExpressionValue } from '../../../src/expressions/expressionValue';
import { WINDOWS_SPECIAL_CHARACTERS } from '../../../src/expressions/functions/text/randomStringFunction';
import { parseExpression } from '../../../src/expressions/parseExpression';

/*
 * Every case goes through the real parser and evaluator. Expressions are written as Entra admins write them,
 * so regex backslashes are doubled inside string constants (reference §1.1), and doubled again by this file's
 * string literals: '"\\\\d"' in TypeScript is "\\d" in the expression is \d in the regex.
 */
type Attributes = Record<string, ExpressionValue>;
type Case = [expression: string, attributes: Attributes, expected: ExpressionValue];

const run = (text: string, attributes: Attributes = {}, seed = 1): ExpressionValue =>
  evaluateExpression(parseExpression(text), { getAttribute: (name) => attributes[name], env: fixedEnvironment(undefined, seed) });

const fails = (text: string, attributes: Attributes, message: RegExp): void => {
  expect(() => run(text, attributes)).toThrow(ExpressionEvaluationError);
  expect(() => run(text, attributes)).toThrow(message);
};

const table = (cases: Case[]): void =>
  it.each<Case>(cases)('%s with %j', (text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });

describe('ConvertToBase64', () => {
  table([
    ['ConvertToBase64("Hello world!")', {}, 'SABlAGwAbABvACAAdwBvAHIAbABkACEA'],
    ['ConvertToBase64([x])', { x: 'Zoë' }, 'WgBvAOsA'],
    ['ConvertToBase64([x])', { x: '😀' }, 'PdgA3g=='], // a surrogate pair: two UTF-16 code units
    ['ConvertToBase64([x])', { x: '' }, ''],
    ['ConvertToBase64([x])', {}, null],
    ['ConvertToBase64(12)', {}, 'MQAyAA=='],
    ['ConvertToBase64([x])', { x: ['a', 'b'] }, ['YQA=', 'YgA=']],
  ]);
});

describe('ConvertToUTF8Hex', () => {
  table([
    ['ConvertToUTF8Hex("Hello world!")', {}, '48656C6C6F20776F726C6421'],
    ['ConvertToUTF8Hex([x])', { x: 'é😀' }, 'C3A9F09F9880'],
    ['ConvertToUTF8Hex([x])', { x: '' }, ''],
    ['ConvertToUTF8Hex([x])', {}, null],
  ]);

  it('builds the documented ID from the object ID (reference §1.3): "1000" + the digits of the UTF-8 hex', () => {
    const objectId = '00aa00aa-bb11-cc22-dd33-44ee44ee44ee';
    expect(run('Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))', { objectId })).toBe(
      '100030306161303061612626231312636332322646433332343465653434656534346565',
    );
  });
});

describe('InStr', () => {
  table([
    ['InStr("The quick brown fox","quick")', {}, 5],
    ['InStr("repEated","e",3,vbBinaryCompare)', {}, 7],
    ['InStr("repEated","e",3,vbTextCompare)', {}, 4],
    ['InStr("repEated","E")', {}, 4], // binary compare is the default
    ['InStr("repEated","e",3,0)', {}, 7],
    ['InStr("repEated","e",3,1)', {}, 4],
    ['InStr("repEated","e","3")', {}, 7],
    ['InStr("abc","z")', {}, 0], // unverified in the reference; VB's 0 is used
    ['InStr([x],"a")', {}, 0],
    ['InStr("","a")', {}, 0],
    ['InStr("abc","")', {}, 1],
    ['InStr("abc",[x],2)', {}, 2],
    ['InStr("abc","c",4)', {}, 0],
    ['InStr("ÉCOLE","é",1,vbTextCompare)', {}, 1],
    ['InStr([x],"b")', { x: ['ab', 'b'] }, 2], // a multi-valued value1 is read as its first value
  ]);

  it('refuses a start below 1 and an unknown compare type', () => {
    fails('InStr("abc","a",0)', {}, /start must be 1 or more/);
    fails('InStr("abc","a",-2)', {}, /start must be 1 or more/);
    fails('InStr("abc","a",1,vbDatabaseCompare)', {}, /vbBinaryCompare or vbTextCompare/);
    fails('InStr("abc","a","x")', {}, /whole number/);
  });
});

describe('IsString', () => {
  table([
    ['IsString([x])', { x: 'text' }, 'True'],
    ['IsString([x])', { x: '' }, 'True'],
    ['IsString("a")', {}, 'True'],
    ['IsString([x])', {}, 'False'],
    ['IsString(5)', {}, 'False'], // decided: numbers and booleans are typed values; CStr makes them strings
    ['IsString([x])', { x: true }, 'False'],
    ['IsString(CStr(5))', {}, 'True'],
  ]);
});

describe('Left', () => {
  table([
    ['Left("John Doe", 3)', {}, 'Joh'],
    ['Left("John Doe", 0)', {}, ''],
    ['Left("John Doe", -1)', {}, 'John Doe'],
    ['Left([x], 3)', {}, ''],
    ['Left("Jo", 3)', {}, 'Jo'],
    ['Left("John", "2")', {}, 'Jo'],
    ['Left([x], 1)', { x: ['ab', 'cd'] }, ['a', 'c']],
    ['Left("😀x", 2)', {}, '😀'], // UTF-16 code units, as .NET counts
  ]);

  it('refuses a missing or fractional count', () => {
    fails('Left("abc", [n])', {}, /Left: numChars must be a whole number/);
    fails('Left("abc", 1.5)', {}, /whole number/);
  });
});

describe('Mid', () => {
  table([
    ['Append(Mid([givenName],1,3), Mid([surname],1,5))', { givenName: 'John', surname: 'Doe' }, 'JohDoe'],
    ['Mid("John", 2, 2)', {}, 'oh'],
    ['Mid("John", 3, 100)', {}, 'hn'],
    ['Mid("John", 5, 1)', {}, ''],
    ['Mid("John", 1, 0)', {}, ''],
    ['Mid([x], 1, 1)', {}, ''], // decided: NULL → "" as for Left
    ['Mid("John", "1", "1")', {}, 'J'],
  ]);

  it('refuses a start below 1 and a negative length', () => {
    fails('Mid("John", 0, 1)', {}, /Mid: start must be 1 or more/);
    fails('Mid("John", 1, -1)', {}, /Mid: length must not be negative/);
  });
});

describe('NormalizeDiacritics', () => {
  table([
    ['NormalizeDiacritics("Zoë")', {}, 'Zoe'],
    ['NormalizeDiacritics([x])', { x: 'äàâãåáąăā æǣ çčć ď ëèéêęěėē ğ ïîìíıī ľł ñńň öòőõôóō øœ ř ß šśșş ťț üùûúůűū ÿýȳ źžż' }, 'aaaaaaaaa aeae ccc d eeeeeeee g iiiiii ll nnn ooooooo oeoe r ss ssss tt uuuuuuu yyy zzz'],
    ['NormalizeDiacritics([x])', { x: 'ÄÀÂÃÅÁĄĂĀ ÆǢ ÇČĆ Ď ËÈÉÊĘĚĖĒ Ğ ÏÎÌÍĪ ĽŁ ÑŃŇ ÖÒŐÕÔÓŌ ØŒ Ř ẞ ŠŚȘŞ ŤȚ ÜÙÛÚŮŰŪ ŸÝȲ ŹŽŻ' }, 'AAAAAAAAA AEAE CCC D EEEEEEEE G IIIII LL NNN OOOOOOO OEOE R SS SSSS TT UUUUUUU YYY ZZZ'],
    ['NormalizeDiacritics([x])', { x: 'Ærøskøbing Straße' }, 'AEroeskoebing Strasse'],
    ['NormalizeDiacritics([x])', { x: 'a\u0331 \u0101\u0301 \u0153\u0304 \u1E0F \u1E49' }, 'a a oe d n'], // macron/underline variants
    ['NormalizeDiacritics([x])', { x: 'İlhan' }, 'Ilhan'],
    ['NormalizeDiacritics([x])', { x: 'Ωmega 李' }, 'Ωmega 李'],
    ['NormalizeDiacritics([x])', {}, null],
    ['NormalizeDiacritics([x])', { x: ['José', 'Zoë'] }, ['Jose', 'Zoe']],
  ]);
});

describe('PCase', () => {
  table([
    ['PCase([x])', { x: 'PABLO GONSALVES (SECOND)' }, 'Pablo Gonsalves (Second)'],
    ['PCase([lastName]," \'-")', { lastName: 'PINTO-DE\'SILVA' }, "Pinto-De'Silva"],
    ['PCase(Join(" ",[firstName],[lastName]))', { firstName: 'GREGORY', lastName: 'JAMES' }, 'Gregory James'],
    // Without separators the .NET ToTitleCase rules apply: punctuation breaks words, the apostrophe does not,
    // and a word starts at a letter (lower-casing first is the reference's unverified reading, used here).
    ['PCase([x])', { x: "PINTO-DE'SILVA" }, "Pinto-De'silva"],
    ['PCase([x])', { x: 'mary-jane o\'neil' }, "Mary-Jane O'neil"],
    ['PCase([x])', { x: '1st floor' }, '1St Floor'],
    ['PCase([x])', { x: 'a1b c_d e.f' }, 'A1b C_D E.F'],
    ['PCase([x])', { x: 'émile zola' }, 'Émile Zola'],
    ['PCase([x])', { x: 'ǆemal' }, 'ǅemal'],
    ['PCase([x], "-")', { x: 'anne marie-claire' }, 'Anne marie-Claire'],
    ['PCase([x])', { x: '' }, ''],
    ['PCase([x])', {}, null],
  ]);
});

describe('RandomString', () => {
  const count = (text: string, characters: string): number => [...text].filter((c) => characters.includes(c)).length;
  const digits = '0123456789';
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const lower = 'abcdefghijklmnopqrstuvwxyz';

  it.each<[string, number, number, number, number, number]>([
    ['RandomString(6,3,0,0,3)', 6, 3, 0, 0, 3],
    ['RandomString(10,2,2,2,1,"?,")', 10, 2, 2, 2, 1],
    ['RandomString(3, 3, 0, 0, 0, )', 3, 3, 0, 0, 0],
    ['RandomString(256,1,1,1,1)', 256, 1, 1, 1, 1],
    ['RandomString(12,0,0,0,0)', 12, 0, 0, 0, 0],
  ])('%s meets its minimums over many seeds', (text, length, numbers, specials, capitals, lowers) => {
    for (let seed = 1; seed <= 200; seed++) {
      const value = run(text, {}, seed);
      expect(typeof value).toBe('string');
      const s = String(value);
      expect(s).toHaveLength(length);
      expect(count(s, digits)).toBeGreaterThanOrEqual(numbers);
      expect(count(s, WINDOWS_SPECIAL_CHARACTERS)).toBeGreaterThanOrEqual(specials);
      expect(count(s, upper)).toBeGreaterThanOrEqual(capitals);
      expect(count(s, lower)).toBeGreaterThanOrEqual(lowers);
      expect(count(s, digits + WINDOWS_SPECIAL_CHARACTERS + upper + lower)).toBe(length);
    }
  });

  it('draws extra characters only from the classes asked for, and honours CharactersToAvoid', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = String(run('RandomString(8,3,0,0,3,"0123456aeiou")', {}, seed));
      expect(s).toMatch(/^[789b-df-hj-np-tv-z]{8}$/);
      expect(String(run('RandomString(10,2,2,2,1,"?,")', {}, seed))).not.toMatch(/[?,]/);
    }
  });

  it('is repeatable for one environment and differs between seeds', () => {
    expect(run('RandomString(16,4,4,4,4)', {}, 7)).toBe(run('RandomString(16,4,4,4,4)', {}, 7));
    expect(run('RandomString(16,4,4,4,4)', {}, 7)).not.toBe(run('RandomString(16,4,4,4,4)', {}, 8));
    expect(run('RandomString(0,0,0,0,0)')).toBe('');
  });

  it('refuses impossible arguments', () => {
    fails('RandomString(5,3,0,0,3)', {}, /Length 5 is less than the sum of the minimums \(6\)/);
    fails('RandomString(257,0,0,0,0)', {}, /between 0 and 256/);
    fails('RandomString(-1,0,0,0,0)', {}, /between 0 and 256/);
    fails('RandomString(5,-1,0,0,0)', {}, /MinimumNumbers must not be negative/);
    fails('RandomString(5,1,0,0,0,"0123456789")', {}, /no characters for MinimumNumbers/);
    fails('RandomString(5,[n],0,0,0)', {}, /MinimumNumbers must be a whole number/);
  });
});

describe('Guid', () => {
  it('is a lower-case hyphenated version-4 GUID built from the environment', () => {
    const guid = run('Guid()');
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('Guid()')).toBe(guid);
    expect(run('Guid()', {}, 2)).not.toBe(guid);
  });
});

describe('Redact', () => {
  table([
    ['Redact([userPrincipalName])', { userPrincipalName: 'jdoe@contoso.com' }, 'jdoe@contoso.com'],
    ['Redact([x])', {}, null],
    ['Redact([x])', { x: ['a', 'b'] }, ['a', 'b']],
  ]);

  it('lets a random value through', () => {
    expect(run('Redact(RandomString(6,3,0,0,3))')).toBe(run('RandomString(6,3,0,0,3)'));
  });
});

describe('Replace', () => {
  table([
    // oldValue + replacementValue
    ['Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' }, 'Software Engineer'],
    ['Replace([mail], "@contoso.com", , , "", , )', { mail: 'john.doe@contoso.com' }, 'john.doe'],
    ['Replace([preferredLanguage], "-", , , "_", , )', { preferredLanguage: 'EN-US' }, 'EN_US'],
    ['Replace([x], "a", , , "b", , )', { x: 'banana' }, 'bbnbnb'],
    ['Replace([x], "A", , , "b", , )', { x: 'banana' }, 'banana'], // case-sensitive
    ['Replace([x], ".", , , "$", , )', { x: 'a.b' }, 'a$b'], // literal: no regex, no substitutions
    ['Replace([x], "a", , , "b", , )', {}, null],
    ['Replace([x], "a", , , "b", , )', { x: ['ab', 'ca'] }, ['bb', 'cb']],
    // oldValue + template
    ['Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }, 'jsmith@contoso.com'],
    ['Replace([UserID],"<u>", , , , , "<u>.<u>")', { UserID: 'js' }, 'js.js'],
    ['Replace([UserID],"<u>", , , , , "<u>@x")', {}, null],
    // regexPattern + replacementValue
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )', { telephoneNumber: '+91 9998887777' }, '9998887777'],
    // Documented as "19998887777"; literal .NET keeps the "+", which the class does not name (reference §1.2).
    ['Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '+1 (999) 888-7777' }, '+19998887777'],
    ['Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }, '72'],
    ['Replace([x], , "x*", , "-", , )', { x: 'abc' }, '-a-b-c-'],
    ['Replace([x], , "(\\\\w+) (\\\\w+)", , "$2 $1", , )', { x: 'John Smith' }, 'Smith John'],
    ['Replace([x], , "(?<first>\\\\w+) (\\\\w+)", , "$1|$2|${first}", , )', { x: 'John Smith' }, 'Smith|John|John'], // .NET numbers unnamed groups first
    ['Replace([x], , "b", , "[$&][$`][$\'][$$][$_][${nope}][$9]", , )', { x: 'abc' }, 'a[b][a][c][$][abc][${nope}][$9]c'],
    ['Replace([x], , "(?i)SMITH", , "S.", , )', { x: 'John smith' }, 'John S.'],
    ['Replace([x], , "\\\\Ajohn", , "J", , )', { x: 'john john' }, 'J john'],
    ['Replace([x], , "n\\\\z", , "N", , )', { x: 'john\n' }, 'john\n'],
    ['Replace([x], , "n\\\\Z", , "N", , )', { x: 'john\n' }, 'johN\n'],
    ['Replace([x], , "n$", , "N", , )', { x: 'john\n' }, 'johN\n'], // .NET $ also matches before a final \n
    ['Replace([x], , ".", , "x", , )', { x: 'a\rb' }, 'xxx'], // .NET "." excludes only \n
    ['Replace([x], , "\\\\d", , "#", , )', { x: 'a1٣' }, 'a##'], // .NET \d is Unicode
    ['Replace([x], , "\\\\w+", , "w", , )', { x: 'Zoë-Ann' }, 'w-w'], // .NET \w is Unicode
    ['Replace([x], , "\\\\bé", , "E", , )', { x: 'café é' }, 'café E'],
    ['Replace([x], , "[]a]", , "x", , )', { x: 'a]b' }, 'xxb'], // ] first in a class is literal in .NET
    ['Replace([x], , "a{", , "x", , )', { x: 'a{' }, 'x'], // a brace that is no quantifier is literal
    ['Replace([x], , "(?\'n\'o)(?#comment)\\\\k\'n\'", , "0", , )', { x: 'book' }, 'b0k'],
    ['Replace([x], , "\\\\p{Lu}", , "_", , )', { x: 'aBcD' }, 'a_c_'],
    ['Replace([x], , "(?n)(a)(?<b>b)", , "${b}$1", , )', { x: 'ab' }, 'bb'], // explicit capture: (a) is no group
    ['Replace([x], , "\\\\.", , "", , )', {}, null],
    // regexPattern + regexGroupName + replacementValue
    ['Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', { AddressLineData: '545 Tremont Street' }, '888 Tremont Street'],
    ['Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { userPrincipalName: 'jsmith@contoso.com' }, 'jsmith'],
    ['Replace([x], , "(?<d>\\\\d)-", "d", "#", , )', { x: '1-2-3' }, '#-#-3'],
    // regexPattern + regexGroupName + replacementAttributeName
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber", , [mobile], )', { telephoneNumber: '', mobile: '+91 8887779999' }, '8887779999'],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber", , [mobile], )', { mobile: '+91 8887779999' }, '8887779999'],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber", , [mobile], )', { telephoneNumber: '+1 5551234567', mobile: '+91 8887779999' }, '+1 5551234567'],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber", , [mobile], )', { telephoneNumber: '', mobile: 'none' }, ''],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber", , [mobile], )', { telephoneNumber: '' }, ''],
  ]);

  it('runs the sAMAccountName cleanup of reference §1.3', () => {
    const rule =
      'Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([FirstName],1,1), [LastName]))), , "([\\\\/\\\\\\\\\\\\[\\\\]\\\\:\\\\;\\\\|\\\\=\\\\,\\\\+\\\\*\\\\?\\\\<\\\\>])", , "", , ), 1, 20), , "(\\\\.)*$", , "", , )';
    expect(run(rule, { FirstName: 'Jöhn', LastName: 'Sm[i]th, Jr.' })).toBe('JSmithJr');
    expect(run(rule, { FirstName: 'Zoë', LastName: 'Van Der Berg-Öztürk-Long-Name' })).toBe('ZVanDerBerg-Ozturk-L');
    expect(run(rule, { FirstName: 'A', LastName: 'b/c\\d=e...' })).toBe('Abcde');
  });

  it('builds the UPN fix of reference §1.4', () => {
    const value = run('Join("", Replace([userName], , "(?<Suffix>@(.)*)", "Suffix", "", , ), RandomString(3, 3, 0, 0, 0, ), "@", "contoso.com")', { userName: 'jdoe@old.example' });
    expect(value).toMatch(/^jdoe\d{3}@contoso\.com$/);
  });

  it('names what cannot be translated from .NET or combined', () => {
    fails('Replace([x], , "(?>a)", , "", , )', { x: 'a' }, /atomic group/);
    fails('Replace([x], , "(?<o-c>a)", , "", , )', { x: 'a' }, /balancing group/);
    fails('Replace([x], , "[a-z-[aeiou]]", , "", , )', { x: 'a' }, /class subtraction/);
    fails('Replace([x], , "\\\\Ga", , "", , )', { x: 'a' }, /the escape \\G/);
    fails('Replace([x], , "a(?i)b", , "", , )', { x: 'a' }, /inline options other than at the very start/);
    fails('Replace([x], , "(?x)a b", , "", , )', { x: 'a' }, /\(\?x\)/);
    fails('Replace([x], , "\\\\p{IsGreek}", , "", , )', { x: 'a' }, /Unicode block/);
    fails('Replace([x], , "(?(a)b|c)", , "", , )', { x: 'a' }, /conditional/);
    fails('Replace([x], , "[\\\\W]", , "", , )', { x: 'a' }, /\\W inside a character class/);
    fails('Replace([x], , "(a", , "", , )', { x: 'a' }, /not a valid regular expression/);
    fails('Replace([x], , "(a)\\\\2", , "", , )', { x: 'a' }, /back-reference \\2/);
    fails('Replace([x], , "(?<g>a)", "h", "", , )', { x: 'a' }, /'h' is not a named group/);
    fails('Replace([x], "a", "b", , "c", , )', { x: 'a' }, /oldValue cannot be combined/);
    fails('Replace([x], "a", , , "c", , "t")', { x: 'a' }, /either replacementValue or template/);
    fails('Replace([x], "", , , "c", , )', { x: 'a' }, /oldValue must not be empty/);
    fails('Replace([x], , "a", , , , )', { x: 'a' }, /needs a replacementValue/);
    fails('Replace([x], , , , "c", , )', { x: 'a' }, /oldValue \(or regexPattern\) is required/);
  });
});

describe('Split', () => {
  table([
    ['Split([extensionAttribute5], ",")', { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' }, ['PermissionSetOne', 'PermissionSetTwo']],
    ['Split([x], ",")', { x: 'a' }, ['a']],
    ['Split([x], ",")', { x: 'a,,b' }, ['a', '', 'b']],
    ['Split([x], ", ")', { x: 'a, b,c' }, ['a', 'b,c']],
    ['Split([x], "")', { x: 'a,b' }, ['a,b']],
    ['Split([x], ",")', { x: '' }, []],
    ['Split([x], ",")', {}, null],
    ['Split([x], ",")', { x: ['a,b', 'c'] }, ['a', 'b', 'c']],
    ['Join(";", Split([x], ","))', { x: 'a, b' }, 'a;b'],
  ]);
});

describe('StripSpaces', () => {
  table([
    ['StripSpaces([x])', { x: ' John  Smith ' }, 'JohnSmith'],
    ['StripSpaces([x])', { x: 'a\tb\u00A0c' }, 'a\tb\u00A0c'], // only U+0020
    ['StripSpaces([x])', { x: '   ' }, ''],
    ['StripSpaces([x])', {}, null],
  ]);
});

describe('ToLower', () => {
  table([
    ['ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"))', { PreferredFirstName: 'John', PreferredLastName: 'Smith' }, 'john.smith@contoso.com'],
    ['ToLower([x])', { x: 'ÉCOLE' }, 'école'],
    ['ToLower([x])', { x: 'ΟΔΟΣ' }, 'οδοσ'], // .NET maps each character on its own: no final sigma
    ['ToLower([x])', { x: 'TITLE' }, 'title'],
    ['ToLower([x], "tr-TR")', { x: 'TITLE' }, 'tıtle'],
    ['ToLower([x], "en-US")', { x: 'TITLE' }, 'title'],
    ['ToLower([x], )', { x: 'ABC' }, 'abc'],
    ['ToLower([x])', {}, null],
    ['ToLower([x])', { x: ['A', 'B'] }, ['a', 'b']],
  ]);

  it('refuses an unknown culture', () => {
    fails('ToLower("A", "xx-YY")', {}, /ToLower: culture 'xx-YY' is not known/);
    fails('ToLower("A", "not a culture")', {}, /RFC 4646/);
  });
});

describe('ToUpper', () => {
  table([
    ['ToUpper([x])', { x: 'straße' }, 'STRAßE'], // .NET keeps ß: one character maps to one
    ['ToUpper([x])', { x: 'école' }, 'ÉCOLE'],
    ['ToUpper([x], "tr-TR")', { x: 'istanbul' }, 'İSTANBUL'],
    ['ToUpper([x], "ja-JP")', { x: 'abc' }, 'ABC'],
    ['ToUpper([x])', {}, null],
  ]);

  it('refuses an unknown culture', () => {
    fails('ToUpper("a", "qq")', {}, /ToUpper: culture 'qq' is not known/);
  });
});

describe('Word', () => {
  table([
    ['Word("The quick brown fox",3," ")', {}, 'brown'],
    ['Word("This,string!has&many separators",3,",!&#")', {}, 'has'],
    ['Word("This,string!has&many separators",4,",!&#")', {}, 'many separators'],
    ['Word("The quick",0," ")', {}, ''],
    ['Word("The quick",-1," ")', {}, ''],
    ['Word("The quick",3," ")', {}, ''],
    ['Word([x],1," ")', {}, ''],
    ['Word("a  b",2," ")', {}, 'b'], // decided: runs of delimiters are one break
    ['Word(" a",1," ")', {}, 'a'],
    ['Word("a b",1,"")', {}, 'a b'],
    ['Word("a b","2"," ")', {}, 'b'],
  ]);
});

describe('registration', () => {
  it('parses and evaluates every text function by its case-sensitive name', () => {
    fails('toLower("A")', {}, /unknown function 'toLower'/);
  });
});
