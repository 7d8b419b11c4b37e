import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { ExpressionTestProperty } from '../expressions/expressionTestRequestSchema';
import { expressionTestProperty } from '../expressions/expressionTestRequestSchema';
import { testExpression } from '../expressions/testExpression';
import type { CommandIo } from './commandIo';
import { parseCommandArgs, UsageError, readCommandArgs } from './parseCommandArgs';

const USAGE = `Usage: idbridge expr --expression '<expression>' [--input '<JSON object>'] [--now ISO] [--default-domain D]

Parses an attribute-mapping expression and evaluates it against the source attributes given as a JSON object
({"givenName": "Ada", "proxyAddresses": ["a", "b"]}; a list is a multi-valued attribute). Prints Graph's
parseExpression response as JSON. Now() returns --now (default: the current time); DefaultDomain() returns
--default-domain. Exit code: 0 when parsing and evaluation both succeed, 1 otherwise, 2 for a command-line
mistake.`;

interface ExprArgs {
  expression: string;
  properties: ExpressionTestProperty[];
  now: Date;
  defaultDomain: string | null;
}

export async function exprCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('expr', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const env: EvaluationEnvironment = { now: args.now, random: Math.random, defaultDomain: args.defaultDomain };
  const result = testExpression({ expression: args.expression, testInputObject: { properties: args.properties } }, env);
  io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.parsingSucceeded && result.evaluationSucceeded ? 0 : 1;
}

function readArgs(argv: string[]): ExprArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      expression: { type: 'string', short: 'e' },
      input: { type: 'string', short: 'i' },
      now: { type: 'string' },
      'default-domain': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals.join(' ')}`);
  if (values.expression === undefined) throw new UsageError('--expression is required');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 date-time such as 2026-01-31T09:00:00Z, got "${values.now}"`);
  const domain = values['default-domain']?.trim();
  return { expression: values.expression, properties: readInput(values.input ?? '{}'), now, defaultDomain: domain ? domain : null };
}

/** `{"name": value}` → Graph's `[{key, value}]`; values as the HTTP endpoint accepts them. */
function readInput(text: string): ExpressionTestProperty[] {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError('--input must be a JSON object of attribute names and values');
  return Object.entries(input).map(([key, value]) => {
    const parsed = expressionTestProperty.safeParse({ key, value });
    if (!parsed.success) throw new UsageError(`--input: "${key}" must be a string, number, boolean, null or a list of those`);
    return parsed.data;
  });
}
