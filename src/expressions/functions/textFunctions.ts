import type { ExpressionFunction } from '../expressionFunction';
import { fromBoolean, toText } from '../expressionValue';
import { Guid } from './text/guidFunction';
import { InStr } from './text/inStrFunction';
import { normalizeDiacritics } from './text/normalizeDiacritics';
import { RandomString } from './text/randomStringFunction';
import { Replace } from './text/replaceFunction';
import { changeCase, cultureArgument } from './text/simpleCaseMapping';
import { Left, Mid, Word } from './text/substringFunctions';
import { mapText, requiredText } from './text/textArguments';
import { titleCaseDotNet, titleCaseWithSeparators } from './text/titleCase';

/* The text functions of reference/entra-engine.md §1.2. Unless a function says otherwise, NULL gives NULL
 * (nothing to flow) and each value of a multi-valued attribute is transformed on its own. */

/** Base64 of the UTF-16LE ("Unicode") bytes, as .NET's Convert.ToBase64String(Encoding.Unicode.GetBytes(s)). */
const ConvertToBase64: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([source = null]) =>
    mapText(source, null, (text) => {
      let bytes = '';
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        bytes += String.fromCharCode(unit & 0xff, unit >> 8);
      }
      return btoa(bytes);
    }),
};

const ConvertToUTF8Hex: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([source = null]) =>
    mapText(source, null, (text) => Array.from(new TextEncoder().encode(text), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')),
};

/** Numbers and booleans are typed values, not strings (CStr makes them one); NULL and multi-valued are not strings. */
const IsString: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([value = null]) => fromBoolean(typeof value === 'string') };

const NormalizeDiacritics: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([source = null]) => mapText(source, null, normalizeDiacritics) };

const PCase: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 2,
  invoke: ([source = null, separators = null]) => {
    const breaks = toText(separators);
    return mapText(source, null, (text) => (breaks === null ? titleCaseDotNet(text) : titleCaseWithSeparators(text, breaks)));
  },
};

/** Identity: the value flows unchanged; the planner masks it in provisioning logs (reference §1.2, §11.3). */
const Redact: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([value = null]) => value };

/**
 * Split(source, delimiter) into a multi-valued result. The reference marks trimming unverified; values are
 * trimmed because the documented "PermissionSetOne, PermissionSetTwo" gives "PermissionSetTwo" without its
 * space. Empty values between two delimiters are kept (as .NET's String.Split does); "" splits into no values.
 */
const Split: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 2,
  invoke: ([source = null, delimiter = null]) => {
    const by = requiredText('Split', 'delimiter', delimiter);
    const values = (Array.isArray(source) ? source : [source]).map(toText).filter((text): text is string => text !== null);
    if (values.length === 0) return null;
    return values.flatMap((text) => (text === '' ? [] : by === '' ? [text.trim()] : text.split(by).map((part) => part.trim())));
  },
};

/** Only U+0020 is removed; tabs and no-break spaces stay (reference §1.2). */
const StripSpaces: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([source = null]) => mapText(source, null, (text) => text.replaceAll(' ', '')) };

const caseFunction = (name: string, direction: 'lower' | 'upper'): ExpressionFunction => ({
  minArgs: 1,
  maxArgs: 2,
  invoke: ([source = null, culture = null]) => {
    const locale = cultureArgument(name, toText(culture));
    return mapText(source, null, (text) => changeCase(text, direction, locale));
  },
});

export const textFunctions: Readonly<Record<string, ExpressionFunction>> = {
  ConvertToBase64,
  ConvertToUTF8Hex,
  Guid,
  InStr,
  IsString,
  Left,
  Mid,
  NormalizeDiacritics,
  PCase,
  RandomString,
  Redact,
  Replace,
  Split,
  StripSpaces,
  ToLower: caseFunction('ToLower', 'lower'),
  ToUpper: caseFunction('ToUpper', 'upper'),
  Word,
};
