import { type IdbridgeError, OutcomeUnknownError, TransientError } from '../../domain/errors';
import { SCIM_ERROR_CODES } from './scimErrorCodes';
import type { ScimHttpMethod } from './scimHttpMethod';

/** Failures before a connection exists: the request was certainly not sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * What the caller does when no HTTP answer arrived (timeout, reset, refused).
 * The line that matters: a create that may have reached the target is OutcomeUnknownError, because the
 * target may have created the object and a blind retry would create it twice; the engine re-matches
 * first. Reads and PATCHes (replace/remove of values) are safe to repeat, so they are transient.
 */
export function classifyScimTransportError(method: ScimHttpMethod, operation: string, thrown: unknown): IdbridgeError {
  const facts = collectFacts(thrown);
  const timedOut = facts.names.has('TimeoutError');
  const notSent = !timedOut && [...facts.codes].some((code) => NOT_SENT_CODES.has(code));
  const what = timedOut ? 'timed out' : notSent ? 'could not connect' : 'lost the connection';
  const message = `SCIM target ${what} during ${operation}${facts.detail ? ` (${facts.detail})` : ''}`;

  if (method === 'POST' && !notSent) {
    return new OutcomeUnknownError(`${message}; the object may have been created, re-match before retrying`, {
      cause: thrown,
      code: SCIM_ERROR_CODES.outcomeUnknown,
    });
  }
  const code = timedOut ? SCIM_ERROR_CODES.timeout : notSent ? SCIM_ERROR_CODES.unreachable : SCIM_ERROR_CODES.connectionLost;
  return new TransientError(message, { cause: thrown, code });
}

interface TransportFacts {
  names: Set<string>;
  codes: Set<string>;
  detail: string;
}

/** fetch wraps the socket error in `TypeError: fetch failed` with the real one in `cause`; walk the chain. */
function collectFacts(thrown: unknown): TransportFacts {
  const names = new Set<string>();
  const codes = new Set<string>();
  const details: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const record = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.name === 'string') names.add(record.name);
    if (typeof record.code === 'string') codes.add(record.code);
    if (typeof record.message === 'string' && record.message) details.push(record.message);
    current = record.cause;
  }
  return { names, codes, detail: [...details, ...codes].join(': ') };
}
