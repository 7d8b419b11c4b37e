import { toError } from '../domain/errors';
import type { CommandIo } from './commandIo';
import { ApiRequestError } from './idbridgeApiClient';

/** Prints why an API call failed (the service's detail and every issue with its path) and returns exit code 1. */
export function failApiCall(command: string, io: Pick<CommandIo, 'stderr'>, thrown: unknown): number {
  const lines: string[] = [];
  if (typeof thrown === 'string') lines.push(thrown);
  else if (thrown instanceof ApiRequestError) {
    lines.push(thrown.issues.length > 0 ? `HTTP ${thrown.status}:` : thrown.message);
    for (const issue of thrown.issues) lines.push(`  ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    if (thrown.retryAfterSeconds !== undefined) lines.push(`  retry in ${thrown.retryAfterSeconds} s`);
  } else lines.push(toError(thrown).message);
  io.stderr.write(`idbridge ${command}: ${lines.join('\n')}\n`);
  return 1;
}
