import { ExpressionEvaluationError } from './ExpressionEvaluationError';

/**
 * A .NET regular expression (reference §1.1: Entra uses the .NET flavour) translated to a JavaScript one
 * with the same meaning, plus the group table needed to read matches the .NET way.
 */
export interface DotNetRegex {
  /** Flags g, u and d (match indices, for replacing one named group); i when the pattern starts with (?i). */
  regex: RegExp;
  /** .NET group number → index in a JavaScript match array. */
  groupIndexByNumber: ReadonlyMap<number, number>;
  /** Group name → index in a JavaScript match array. */
  groupIndexByName: ReadonlyMap<string, number>;
}

/** The word characters of .NET's \w (Unicode-aware; JavaScript's \w is ASCII only). */
const WORD = '\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}';
/** Characters that must stay escaped in a JavaScript `u` pattern; any other escaped punctuation is a literal. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/');
const ANY = '[\\s\\S]';

type Piece = string | { backreference: number };

/**
 * Translates what .NET spells differently: \A \Z \z, $ (which in .NET also matches before a final \n),
 * "." (which in .NET excludes only \n), Unicode \d \w \b, inline options at the start ((?i), (?m), (?s), (?n)),
 * (?'name'…), \k'name', (?#comments), literal braces and a leading ] in a class. What has no JavaScript
 * equivalent (atomic and balancing groups, conditionals, class subtraction, \G, Unicode block names,
 * inline options past the start, (?x)) is refused with a message naming it.
 */
export function translateDotNetRegex(functionName: string, pattern: string): DotNetRegex {
  // Mappings use a handful of fixed patterns for every object: translate each once. Sharing the RegExp is
  // safe because callers either use matchAll (which copies it) or reset lastIndex before exec.
  const key = `${functionName}\u0000${pattern}`;
  const cached = translated.get(key);
  if (cached) return cached;
  const result = translate(functionName, pattern);
  if (translated.size >= MAX_CACHED) translated.clear();
  translated.set(key, result);
  return result;
}

const MAX_CACHED = 1000;
const translated = new Map<string, DotNetRegex>();

function translate(functionName: string, pattern: string): DotNetRegex {
  const refuse = (what: string): never => {
    throw new ExpressionEvaluationError(`${functionName}: the regular expression '${pattern}' uses ${what}, which idbridge cannot translate from .NET`);
  };
  const options = /^\(\?([imnsx]+)\)/.exec(pattern);
  const flags = new Set(options?.[1] ?? '');
  if (flags.has('x')) refuse('the (?x) option');
  const pieces: Piece[] = [];
  const groups: (string | null)[] = [];
  let inClass = false;
  let i = options?.[0].length ?? 0;
  const at = (offset = 0): string => pattern[i + offset] ?? '';

  const escape = (): void => {
    const c = at(1);
    i += 2;
    if (c === '') refuse('a trailing backslash');
    if (/[1-9]/.test(c) && !inClass) {
      const digits = c + (/^\d*/.exec(pattern.slice(i))?.[0] ?? '');
      i += digits.length - 1;
      pieces.push({ backreference: Number(digits) });
      return;
    }
    if (c === '0') {
      const octal = /^[0-7]{0,2}/.exec(pattern.slice(i))?.[0] ?? '';
      i += octal.length;
      pieces.push(`\\u${parseInt(`0${octal}`, 8).toString(16).padStart(4, '0')}`);
      return;
    }
    if (c === 'p' || c === 'P') {
      const name = /^\{([^}]*)\}/.exec(pattern.slice(i));
      if (!name?.[1]) return refuse(`\\${c} without a {category}`);
      if (name[1].startsWith('Is')) refuse(`the Unicode block \\${c}{${name[1]}}`);
      i += name[0].length;
      pieces.push(`\\${c}{${name[1]}}`);
      return;
    }
    if (c === 'k') {
      const name = /^(?:<([^>]+)>|'([^']+)')/.exec(pattern.slice(i));
      const groupName = name?.[1] ?? name?.[2];
      if (!name || !groupName) return refuse('\\k without a <name>');
      i += name[0].length;
      pieces.push(/^\d+$/.test(groupName) ? { backreference: Number(groupName) } : `\\k<${groupName}>`);
      return;
    }
    const simple: Record<string, string> = inClass
      ? { d: '\\p{Nd}', D: '\\P{Nd}', w: WORD, s: '\\s', S: '\\S', b: '\\x08', e: '\\x1B', a: '\\x07', n: '\\n', r: '\\r', t: '\\t', f: '\\f', v: '\\v' }
      : {
          A: `(?<!${ANY})`,
          z: `(?!${ANY})`,
          Z: `(?=\\n?(?!${ANY}))`,
          d: '\\p{Nd}',
          D: '\\P{Nd}',
          w: `[${WORD}]`,
          W: `[^${WORD}]`,
          s: '\\s',
          S: '\\S',
          b: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`,
          B: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`,
          e: '\\x1B', a: '\\x07', n: '\\n', r: '\\r', t: '\\t', f: '\\f', v: '\\v',
        };
    const translated = simple[c];
    if (translated !== undefined) pieces.push(translated);
    else if (c === 'x' || c === 'u' || c === 'c') pieces.push(`\\${c}`);
    else if (/[A-Za-z0-9]/.test(c)) refuse(c === 'W' ? '\\W inside a character class' : `the escape \\${c}`);
    else pieces.push(SYNTAX.has(c) || (inClass && c === '-') ? `\\${c}` : c);
  };

  const group = (): void => {
    const rest = pattern.slice(i);
    const named = /^\(\?(?:<([^>=!][^>]*)>|'([^']*)')/.exec(rest);
    if (named) {
      const name = named[1] ?? named[2] ?? '';
      if (name.includes('-')) refuse(`the balancing group (?<${name}>…)`);
      if (/^\d+$/.test(name)) refuse(`the numbered group (?<${name}>…)`);
      groups.push(name);
      pieces.push(`(?<${name}>`);
      i += named[0].length;
    } else if (/^\(\?(?::|=|!|<=|<!)/.test(rest)) {
      const opener = /^\(\?(?::|=|!|<=|<!)/.exec(rest)?.[0] ?? '';
      pieces.push(opener);
      i += opener.length;
    } else if (rest.startsWith('(?#')) {
      const close = pattern.indexOf(')', i);
      if (close < 0) refuse('an unclosed (?# comment');
      i = close + 1;
    } else if (rest.startsWith('(?>')) refuse('an atomic group (?>…)');
    else if (rest.startsWith('(?(')) refuse('a conditional (?(…)…)');
    else if (rest.startsWith('(?')) refuse('inline options other than at the very start');
    else {
      // With (?n) (explicit capture) unnamed groups do not capture.
      if (!flags.has('n')) groups.push(null);
      pieces.push(flags.has('n') ? '(?:' : '(');
      i++;
    }
  };

  while (i < pattern.length) {
    const c = at();
    if (c === '\\') escape();
    else if (inClass) {
      if (c === ']') inClass = false;
      if (c === '-' && at(1) === '[') refuse('character class subtraction');
      pieces.push(c === '[' ? '\\[' : c);
      i++;
    } else if (c === '[') {
      inClass = true;
      const negated = at(1) === '^';
      pieces.push(negated ? '[^' : '[');
      i += negated ? 2 : 1;
      // In .NET a ] right after [ or [^ is a literal; in JavaScript it would close the class.
      if (at() === ']') {
        pieces.push('\\]');
        i++;
      }
    } else if (c === '(') group();
    else {
      const quantifier = c === '{' ? /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i))?.[0] : undefined;
      if (quantifier) {
        pieces.push(quantifier);
        i += quantifier.length;
        continue;
      }
      const replacements: Record<string, string> = {
        '.': flags.has('s') ? ANY : '[^\\n]',
        '^': flags.has('m') ? `(?:(?<!${ANY})|(?<=\\n))` : '^',
        $: flags.has('m') ? `(?=\\n|(?!${ANY}))` : `(?=\\n?(?!${ANY}))`,
        '{': '\\{',
        '}': '\\}',
        ']': '\\]',
      };
      pieces.push(replacements[c] ?? c);
      i++;
    }
  }
  if (inClass) refuse('an unclosed character class');

  // .NET numbers unnamed groups first, then named ones; JavaScript numbers all groups left to right.
  const groupIndexByNumber = new Map<number, number>([[0, 0]]);
  const groupIndexByName = new Map<string, number>();
  let number = 1;
  groups.forEach((name, index) => name === null && groupIndexByNumber.set(number++, index + 1));
  groups.forEach((name, index) => {
    if (name === null) return;
    groupIndexByNumber.set(number++, index + 1);
    groupIndexByName.set(name, index + 1);
  });

  const source = pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      const index = groupIndexByNumber.get(piece.backreference);
      if (index === undefined) return refuse(`the back-reference \\${piece.backreference} to a group it does not define`);
      return `\\${index}(?:)`; // (?:) keeps a following digit from joining the group number
    })
    .join('');
  try {
    return { regex: new RegExp(source, `gud${flags.has('i') ? 'i' : ''}`), groupIndexByNumber, groupIndexByName };
  } catch (error) {
    throw new ExpressionEvaluationError(`${functionName}: '${pattern}' is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
}
