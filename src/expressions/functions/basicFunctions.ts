import type { ExpressionFunction } from '../expressionFunction';
import { fromBoolean, isNull, isNullOrEmpty, toText, type ExpressionValue } from '../expressionValue';

/* Functions of reference/entra-engine.md §1.2 that need nothing but their arguments. */

const Append: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 2,
  invoke: ([source = null, suffix = null]) => {
    const text = toText(source);
    // Appending to NULL yields NULL: there is nothing to flow.
    return text === null ? null : text + (toText(suffix) ?? '');
  },
};

const Coalesce: ExpressionFunction = {
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  // Only NULL is skipped; "" is a value (reference §1.2).
  invoke: (args) => args.find((v) => !isNull(v)) ?? null,
};

const CStr: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([value = null]) => toText(value) };
const IsNull: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([v = null]) => fromBoolean(isNull(v)) };
const IsNullOrEmpty: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([v = null]) => fromBoolean(isNullOrEmpty(v)) };
const IsPresent: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([v = null]) => fromBoolean(!isNullOrEmpty(v)) };

const Join: ExpressionFunction = {
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  invoke: ([separator = null, ...sources]) => {
    // Multi-valued sources contribute every value; NULL and "" contribute nothing (so no doubled separators,
    // matching the documented example Join(", ", "", [surname], [givenName]) → "Doe, John").
    const parts: string[] = [];
    const add = (value: ExpressionValue): void => {
      const text = toText(value);
      if (text !== null && text !== '') parts.push(text);
    };
    for (const source of sources) {
      if (Array.isArray(source)) source.forEach(add);
      else add(source);
    }
    return parts.length === 0 ? null : parts.join(toText(separator) ?? '');
  },
};

const Not: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  // A string flip, not a boolean: "True" → "False", every other value → "True" (reference §1.2).
  invoke: ([v = null]) => fromBoolean(toText(v)?.toLowerCase() !== 'true'),
};

export const basicFunctions: Readonly<Record<string, ExpressionFunction>> = { Append, Coalesce, CStr, IsNull, IsNullOrEmpty, IsPresent, Join, Not };
