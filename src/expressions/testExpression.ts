import { IdbridgeError } from '../domain/errors';
import { evaluateExpression } from './evaluateExpression';
import type { EvaluationEnvironment } from './evaluationEnvironment';
import type { ExpressionNode } from './expressionAst';
import type { ExpressionTestProperty, ExpressionTestRequest } from './expressionTestRequestSchema';
import type { ExpressionValue } from './expressionValue';
import { ExpressionSyntaxError } from './ExpressionSyntaxError';
import { formatExpression } from './formatExpression';
import { parseExpression } from './parseExpression';
import { validateExpression } from './validateExpression';

/**
 * The response of Graph's parseExpression (reference/entra-engine.md §1.6), field for field.
 * Deviation: Graph's `parsedExpression` is an attributeMappingSource tree whose `expression` is the canonical
 * text; here it is that text alone (formatExpression), as Graph's parameter keys are not documented per function.
 */
export interface ExpressionTestResult {
  parsingSucceeded: boolean;
  evaluationSucceeded: boolean;
  /** Every value the expression produced, as Entra renders it: booleans "True"/"False", one string per value of a multi-valued result, [] for NULL. */
  evaluationResult: string[] | null;
  parsedExpression: string | null;
  error: { code: string; message: string } | null;
}

/**
 * Parses an expression and, when test input is given, evaluates it against that input. Pure (the clock,
 * randomness and DefaultDomain() come in `env`); never throws for a bad expression or bad data, since
 * reporting those is its purpose.
 *
 * Attribute names are looked up exactly as written, case-sensitively: Entra's names are case-sensitive
 * (directory extensions explicitly so, reference §1.1), and the test input's keys are attribute names.
 */
export function testExpression(request: ExpressionTestRequest, env: EvaluationEnvironment): ExpressionTestResult {
  let tree: ExpressionNode;
  try {
    tree = parseExpression(request.expression);
  } catch (error) {
    return notParsed(error instanceof ExpressionSyntaxError ? 'ExpressionSyntaxError' : 'ExpressionParseFailed', messageOf(error));
  }
  // Unknown functions and wrong argument counts fail parsing, as they do in Graph, whose parsed tree names
  // each function's parameters and so needs to know the function.
  const problems = validateExpression(request.expression);
  if (problems.length > 0) return notParsed('ExpressionValidationFailed', problems.join('; '));

  const parsedExpression = formatExpression(tree);
  const input = request.testInputObject;
  if (!input) return { parsingSucceeded: true, evaluationSucceeded: false, evaluationResult: null, parsedExpression, error: null };

  const attributes = new Map<string, ExpressionValue>((input.properties ?? []).map((p) => [p.key, propertyValue(p)]));
  try {
    const value = evaluateExpression(tree, { getAttribute: (name) => attributes.get(name), env });
    return { parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: renderResult(value), parsedExpression, error: null };
  } catch (error) {
    // Anything a function throws is reported, not raised: a test endpoint that answered 500 for an odd regex
    // or date would hide exactly what the caller is trying to find out.
    const code = error instanceof IdbridgeError ? error.code : 'ExpressionEvaluationFailed';
    return { parsingSucceeded: true, evaluationSucceeded: false, evaluationResult: null, parsedExpression, error: { code, message: messageOf(error) } };
  }
}

/** A list, or a value Graph annotated as a collection, is multi-valued; everything else is one value. */
function propertyValue(property: ExpressionTestProperty): ExpressionValue {
  const { value } = property;
  const isCollection = /^#?Collection\(/i.test(property['value@odata.type'] ?? '');
  if (Array.isArray(value)) return value;
  if (isCollection) return value === null ? [] : [value];
  return value;
}

/**
 * Graph's evaluationResult is a string collection. NULL (an absent value) yields no strings: Microsoft does
 * not document this case, and [] is what "no value flows" looks like in a collection (unverified).
 */
export function renderResult(value: ExpressionValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(renderResult);
  if (typeof value === 'boolean') return [value ? 'True' : 'False'];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  return [JSON.stringify(value)];
}

function notParsed(code: string, message: string): ExpressionTestResult {
  return { parsingSucceeded: false, evaluationSucceeded: false, evaluationResult: null, parsedExpression: null, error: { code, message } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
