import { ExpressionEvaluationError } from '../ExpressionEvaluationError';
import type { ExpressionFunction } from '../expressionFunction';
import { fromBoolean, isNull, isNullOrEmpty, toText, type ExpressionValue } from '../expressionValue';

/* Logic functions of reference §1.2, plus DefaultDomain and SelectUniqueValue (§1.3, §1.4). */

/** A VB Long from a number or its text ("15", "&HF" is already a number from the parser). */
function longArgument(value: ExpressionValue, functionName: string): bigint {
  const text = typeof value === 'number' ? Math.trunc(value).toFixed(0) : (toText(value) ?? '').trim();
  if (!/^-?\d+$/.test(text)) throw new ExpressionEvaluationError(`${functionName}: '${text}' is not a whole number`);
  return BigInt.asIntN(64, BigInt(text));
}

/** "True" in any case, or a non-zero number, is true; anything else (NULL, "", "False", 0, other text) is not. */
function isTrue(value: ExpressionValue): boolean {
  const text = toText(value)?.trim() ?? '';
  if (text.toLowerCase() === 'true') return true;
  return text !== '' && !Number.isNaN(Number(text)) && Number(text) !== 0;
}

const BitAnd: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 2,
  invoke: ([a = null, b = null]) => {
    if (isNullOrEmpty(a) || isNullOrEmpty(b)) return null;
    const result = longArgument(a, 'BitAnd') & longArgument(b, 'BitAnd');
    return Number.isSafeInteger(Number(result)) ? Number(result) : result.toString();
  },
};

const CBool: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([value = null]) => {
    const text = toText(value)?.trim() ?? '';
    // VB's CBool: NULL is False; text other than a number or True/False is an InvalidCastException there,
    // an evaluation error here, so a typo in a mapping is reported instead of silently becoming False.
    if (text !== '' && text.toLowerCase() !== 'false' && text.toLowerCase() !== 'true' && Number.isNaN(Number(text))) {
      throw new ExpressionEvaluationError(`CBool: '${text}' is neither a number nor True/False`);
    }
    return fromBoolean(isTrue(value));
  },
};

const IIF: ExpressionFunction = {
  minArgs: 3,
  maxArgs: 3,
  // The condition is normally a comparison node's "True"/"False". Unverified in the reference is what a NULL
  // condition does (§1.2 edge cases); idbridge takes the false branch, matching "a NULL/empty attribute in the
  // condition makes the check fail" and the evaluator's rule that NULL fails every comparison.
  // Both branches are evaluated before IIF runs, as in VB's IIf.
  invoke: ([condition = null, whenTrue = null, whenFalse = null]) => (isTrue(condition) ? whenTrue : whenFalse),
};

const Switch: ExpressionFunction = {
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  /*
   * Switch(source, defaultValue, key1, value1, …): case-sensitive keys; NULL source and empty key slots
   * compare as "" (the reference's advice is to use "" as the key for a missing value, §1.2); an empty
   * default slot gives NULL.
   * Entra's documented Switch bug (a Switch over an unchanged source yields NULL when another attribute
   * changed) cannot happen here: the planner evaluates every mapping against the full staged source object
   * each time, never a delta, so a Switch never sees a "missing unchanged source".
   */
  checkArgCount: (count) => (count % 2 === 0 ? null : `takes a source, a default value and key/value pairs; ${count} arguments leave a key without a value`),
  invoke: (args) => {
    if (args.length % 2 !== 0) {
      throw new ExpressionEvaluationError(`Switch takes a source, a default value and key/value pairs; got ${args.length} arguments, so a key has no value`);
    }
    const source = toText(args[0] ?? null) ?? '';
    for (let i = 2; i < args.length; i += 2) {
      if ((toText(args[i] ?? null) ?? '') === source) return args[i + 1] ?? null;
    }
    return args[1] ?? null;
  },
};

const IgnoreFlowIfNullOrEmpty: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  // null is "do not export this attribute": the mapper drops null results from the flow (reference §1.2).
  invoke: ([value = null]) => (isNullOrEmpty(value) ? null : value),
};

const DefaultDomain: ExpressionFunction = {
  minArgs: 0,
  maxArgs: 0,
  invoke: (_args, env) => {
    if (env.defaultDomain === null) {
      throw new ExpressionEvaluationError("DefaultDomain() has no domain: set the job's settings.defaultDomain (Entra uses the tenant's default verified domain)");
    }
    return env.defaultDomain;
  },
};

const SelectUniqueValue: ExpressionFunction = {
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  /*
   * Contract with the planner: this returns the candidate values in rule order (NULL/"" candidates and
   * repeats dropped), as an array. The planner, not the expression, checks each against the target and
   * keeps the first that is free; if none is, the object is escrowed with the reason logged (reference §1.2,
   * §1.3). Multi-valued rule results contribute their first value.
   */
  invoke: (args) => {
    const candidates = args.filter((v) => !isNull(v)).map((v) => toText(v) ?? '').filter((v) => v !== '');
    return [...new Set(candidates)];
  },
};

export const logicFunctions: Readonly<Record<string, ExpressionFunction>> = { BitAnd, CBool, DefaultDomain, IgnoreFlowIfNullOrEmpty, IIF, SelectUniqueValue, Switch };
