import {
  ConflictError,
  type IdbridgeError,
  NotFoundError,
  OutcomeUnknownError,
  PermanentError,
  ThrottledError,
  TransientError,
} from '../../../src/domain/errors';
import { classifyScimResponse } from '../../../src/connectors/scim/classifyScimResponse';
import { classifyScimTransportError } from '../../../src/connectors/scim/classifyScimTransportError';
import type { ScimHttpMethod } from '../../../src/connectors/scim/scimHttpMethod';

type ErrorClass = abstract new (...args: never[]) => IdbridgeError;

const NOW = Date.parse('2026-11-02T10:00:00Z');
const scimError = (status: number, detail: string, scimType?: string): string =>
  JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail, ...(scimType ? { scimType } : {}) });

describe('classifyScimResponse', () => {
  const cases: Array<{
    name: string;
    method: ScimHttpMethod;
    status: number;
    retryAfter?: string;
    body?: string;
    expected: ErrorClass | undefined;
    code?: string;
    retryAfterMs?: number;
    messageIncludes?: string[];
  }> = [
    { name: '200 is success', method: 'GET', status: 200, expected: undefined },
    { name: '201 is success', method: 'POST', status: 201, expected: undefined },
    { name: '204 is success', method: 'PATCH', status: 204, expected: undefined },
    { name: '429 with seconds', method: 'GET', status: 429, retryAfter: '7', expected: ThrottledError, retryAfterMs: 7000 },
    { name: '429 with an HTTP date', method: 'POST', status: 429, retryAfter: 'Mon, 02 Nov 2026 10:00:30 GMT', expected: ThrottledError, retryAfterMs: 30000 },
    { name: '429 without Retry-After waits the default', method: 'PATCH', status: 429, expected: ThrottledError, retryAfterMs: 5000 },
    { name: '503 is throttling too', method: 'GET', status: 503, retryAfter: '2', expected: ThrottledError, retryAfterMs: 2000 },
    { name: '500 on GET is transient', method: 'GET', status: 500, expected: TransientError, code: 'SystemForCrossDomainIdentityManagementServiceUnavailable' },
    { name: '500 on POST is transient (the app said it failed)', method: 'POST', status: 500, expected: TransientError },
    { name: '502 on PATCH is transient', method: 'PATCH', status: 502, expected: TransientError },
    { name: '504 on POST: the gateway may have forwarded the create', method: 'POST', status: 504, expected: OutcomeUnknownError, code: 'SystemForCrossDomainIdentityManagementOutcomeUnknown' },
    { name: '502 on POST: outcome unknown', method: 'POST', status: 502, expected: OutcomeUnknownError },
    { name: '408 is transient', method: 'POST', status: 408, expected: TransientError },
    { name: '401 is permanent', method: 'GET', status: 401, body: scimError(401, 'bad token'), expected: PermanentError, code: 'SystemForCrossDomainIdentityManagementUnauthorized', messageIncludes: ['401', 'bad token'] },
    { name: '403 is permanent', method: 'PATCH', status: 403, expected: PermanentError, code: 'SystemForCrossDomainIdentityManagementUnauthorized' },
    { name: '409 on create is a conflict', method: 'POST', status: 409, body: scimError(409, 'userName taken', 'uniqueness'), expected: ConflictError, messageIncludes: ['userName taken', 'uniqueness'] },
    { name: '404 on PATCH: the anchored object is gone', method: 'PATCH', status: 404, expected: NotFoundError, code: 'SystemForCrossDomainIdentityManagementTargetNotFound' },
    {
      name: '400 carries the target detail and scimType',
      method: 'PATCH',
      status: 400,
      body: scimError(400, 'emails[0].value is not an email', 'invalidValue'),
      expected: PermanentError,
      code: 'SystemForCrossDomainIdentityManagementRequestRejected',
      messageIncludes: ['400', 'PATCH /Users/1', 'emails[0].value is not an email', 'invalidValue'],
    },
    { name: '400 with an HTML body keeps its start', method: 'POST', status: 400, body: '<html>Bad Request</html>', expected: PermanentError, messageIncludes: ['<html>Bad Request</html>'] },
    { name: '422 is permanent', method: 'POST', status: 422, expected: PermanentError },
    { name: '302 is not followed', method: 'GET', status: 302, expected: PermanentError, code: 'SystemForCrossDomainIdentityManagementServiceIncompatible' },
  ];

  it.each(cases)('$name', (c) => {
    const error = classifyScimResponse(
      { method: c.method, operation: `${c.method} /Users/1`, status: c.status, retryAfter: c.retryAfter ?? null, bodyText: c.body ?? '' },
      NOW,
    );
    if (c.expected === undefined) {
      expect(error).toBeUndefined();
      return;
    }
    expect(error).toBeInstanceOf(c.expected);
    if (c.code) expect(error?.code).toBe(c.code);
    if (c.retryAfterMs !== undefined) expect((error as ThrottledError).retryAfterMs).toBe(c.retryAfterMs);
    for (const part of c.messageIncludes ?? []) expect(error?.message).toContain(part);
  });

  it('keeps scimType mutability on a 409', () => {
    const error = classifyScimResponse({ method: 'PATCH', operation: 'PATCH /Users/1', status: 409, bodyText: scimError(409, 'id is readOnly', 'mutability') }, NOW);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).scimType).toBe('mutability');
  });
});

describe('classifyScimTransportError', () => {
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  const fetchFailed = (code: string): TypeError => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  const cases: Array<{ name: string; method: ScimHttpMethod; thrown: unknown; expected: ErrorClass; code: string }> = [
    { name: 'POST timeout: outcome unknown', method: 'POST', thrown: timeout, expected: OutcomeUnknownError, code: 'SystemForCrossDomainIdentityManagementOutcomeUnknown' },
    { name: 'POST reset: outcome unknown', method: 'POST', thrown: fetchFailed('ECONNRESET'), expected: OutcomeUnknownError, code: 'SystemForCrossDomainIdentityManagementOutcomeUnknown' },
    { name: 'POST socket closed: outcome unknown', method: 'POST', thrown: fetchFailed('UND_ERR_SOCKET'), expected: OutcomeUnknownError, code: 'SystemForCrossDomainIdentityManagementOutcomeUnknown' },
    { name: 'POST refused: never sent, transient', method: 'POST', thrown: fetchFailed('ECONNREFUSED'), expected: TransientError, code: 'SystemForCrossDomainIdentityManagementUnreachable' },
    { name: 'POST DNS failure: never sent, transient', method: 'POST', thrown: fetchFailed('ENOTFOUND'), expected: TransientError, code: 'SystemForCrossDomainIdentityManagementUnreachable' },
    { name: 'GET timeout: transient', method: 'GET', thrown: timeout, expected: TransientError, code: 'SystemForCrossDomainIdentityManagementTimeout' },
    { name: 'PATCH timeout: transient', method: 'PATCH', thrown: timeout, expected: TransientError, code: 'SystemForCrossDomainIdentityManagementTimeout' },
    { name: 'GET reset: transient', method: 'GET', thrown: fetchFailed('ECONNRESET'), expected: TransientError, code: 'SystemForCrossDomainIdentityManagementConnectionLost' },
    { name: 'a non-Error thrown', method: 'GET', thrown: 'boom', expected: TransientError, code: 'SystemForCrossDomainIdentityManagementConnectionLost' },
  ];

  it.each(cases)('$name', (c) => {
    const error = classifyScimTransportError(c.method, `${c.method} /Users`, c.thrown);
    expect(error).toBeInstanceOf(c.expected);
    expect(error.code).toBe(c.code);
    expect(error.cause).toBe(c.thrown);
  });
});
