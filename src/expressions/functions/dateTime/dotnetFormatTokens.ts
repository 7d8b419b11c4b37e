import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';

/** The letters of .NET custom date/time format strings that idbridge supports (the era 'g' is not). */
export type SpecifierLetter = 'y' | 'M' | 'd' | 'h' | 'H' | 'm' | 's' | 'f' | 'F' | 't' | 'z' | 'K';

export type FormatToken =
  | { kind: 'specifier'; letter: SpecifierLetter; count: number; position: number }
  | { kind: 'literal'; text: string; position: number };

const LETTERS = new Set<string>(['y', 'M', 'd', 'h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'K']);

/**
 * .NET standard formats are one character long; a one-character string is always one of them (use "%d" for
 * the day alone). en-US patterns, as Entra formats in en-US. 'U' (which converts) is not supported.
 */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  m: 'MMMM d',
  M: 'MMMM d',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
};

/**
 * Splits a .NET custom format into specifiers and literal runs: quoted text ('…' or "…"), a backslash
 * escape, '%' before a lone specifier; ':' and '/' are the invariant time and date separators; every other
 * character stands for itself. Errors name the format and the 0-based position.
 */
export function tokenizeFormat(format: string, functionName: string): FormatToken[] {
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (standard === undefined) throw formatError(functionName, format, 0, `'${format}' is not a supported standard format`);
    return tokenizeFormat(standard, functionName);
  }
  const tokens: FormatToken[] = [];
  const literal = (text: string, position: number): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text, position });
  };
  for (let i = 0; i < format.length; ) {
    const ch = format[i] ?? '';
    const start = i;
    if (ch === "'" || ch === '"') {
      let text = '';
      for (i++; i < format.length && format[i] !== ch; i++) text += format[i] === '\\' ? (format[++i] ?? '') : format[i];
      if (i >= format.length) throw formatError(functionName, format, start, `the quote ${ch} is not closed`);
      literal(text, start);
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= format.length) throw formatError(functionName, format, start, 'a backslash ends the format');
      literal(format[i + 1] ?? '', start);
      i += 2;
    } else if (ch === '%') {
      const next = format[i + 1] ?? '';
      if (!LETTERS.has(next)) throw formatError(functionName, format, start, "'%' must precede a single format specifier");
      tokens.push({ kind: 'specifier', letter: next as SpecifierLetter, count: 1, position: start });
      i += 2;
    } else if (ch === 'g') {
      throw formatError(functionName, format, start, "the era specifier 'g' is not supported");
    } else if (LETTERS.has(ch)) {
      while (format[i] === ch && ch !== 'K') i++;
      if (ch === 'K') i++;
      const count = i - start;
      if ((ch === 'f' || ch === 'F') && count > 7) throw formatError(functionName, format, start, `'${ch}' may repeat at most 7 times`);
      tokens.push({ kind: 'specifier', letter: ch as SpecifierLetter, count, position: start });
    } else {
      literal(ch, start);
      i++;
    }
  }
  return tokens;
}

export function formatError(functionName: string, format: string, position: number, reason: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError(`${functionName}: format '${format}' at position ${position}: ${reason}`);
}
