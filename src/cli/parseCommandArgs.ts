import { parseArgs, type ParseArgsConfig } from 'node:util';
import { toError } from '../domain/errors';

/** A command-line mistake: the command prints it with its usage and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * node:util parseArgs in strict mode, with its errors (unknown flag, missing value) turned into
 * UsageError so that commands answer them all the same way.
 */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (thrown) {
    // Read the message field rather than rely on instanceof Error: under jest the error comes from
    // another realm.
    const message = typeof thrown === 'object' && thrown !== null && 'message' in thrown && typeof thrown.message === 'string' ? thrown.message : toError(thrown).message;
    throw new UsageError(message);
  }
}

/** An integer flag within bounds; `undefined` when the flag is absent. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * Runs a command's argument reader: a usage mistake prints the message and the usage on stderr (exit code 2),
 * `help` prints the usage on stdout (exit code 0). Returns the arguments, or the exit code to return.
 */
export function readCommandArgs<A>(command: string, usage: string, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, read: () => A | 'help'): A | number {
  let args: A | 'help';
  try {
    args = read();
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    io.stderr.write(`idbridge ${command}: ${thrown.message}\n\n${usage}\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}
