import { translateDotNetRegex } from './translateDotNetRegex';

/**
 * A .NET regular expression (the flavour of Entra's scoping filters, reference/entra-engine.md §2.2) as a
 * plain JavaScript RegExp for IsMatch-style tests: the same translation Replace uses, without the global and
 * indices flags, so `test()` keeps no state between calls. Throws a SyntaxError saying what is wrong.
 */
export function compileDotNetRegex(pattern: string): RegExp {
  try {
    const { regex } = translateDotNetRegex('REGEX MATCH', pattern);
    return new RegExp(regex.source, regex.flags.replace(/[gd]/g, ''));
  } catch (error) {
    throw new SyntaxError(`is not a valid regular expression: ${error instanceof Error ? error.message.replace(/^REGEX MATCH: /, '') : String(error)}`);
  }
}
