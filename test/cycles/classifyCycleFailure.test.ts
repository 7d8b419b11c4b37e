import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import { classifyCycleFailure } from '../../src/cycles/classifyCycleFailure';
import { EscrowError, OutcomeUnknownError, PermanentError, ThrottledError, TransientError, UnauthorizedError } from '../../src/domain/errors';

describe('classifyCycleFailure', () => {
  it.each([
    ['401/403 from the app', new PermanentError('no', { code: SCIM_ERROR_CODES.unauthorized }), { kind: 'fail', failure: { code: SCIM_ERROR_CODES.unauthorized, message: 'no', quarantine: true } }],
    ['nothing could be sent', new TransientError('refused', { code: SCIM_ERROR_CODES.unreachable }), { kind: 'fail', failure: { code: SCIM_ERROR_CODES.unreachable, message: 'refused', quarantine: true } }],
    ['5xx', new TransientError('502', { code: SCIM_ERROR_CODES.serverError }), { kind: 'redeliver' }],
    ['a timeout', new OutcomeUnknownError('timeout', { code: SCIM_ERROR_CODES.timeout }), { kind: 'redeliver' }],
    ['429 with Retry-After', new ThrottledError('429', 5000, { code: SCIM_ERROR_CODES.throttled }), { kind: 'retryAfter', delayInMs: 5000 }],
    ['a malformed answer', new PermanentError('bad', { code: SCIM_ERROR_CODES.badResponse }), { kind: 'fail', failure: { code: SCIM_ERROR_CODES.badResponse, message: 'bad', quarantine: false } }],
    ['an UnauthorizedError with another code', new UnauthorizedError('x'), { kind: 'fail', failure: { code: 'UnauthorizedError', message: 'x', quarantine: false } }],
    ['an escrow error', new EscrowError('later'), { kind: 'fail', failure: { code: 'EscrowError', message: 'later', quarantine: false } }],
    ['a bug', new TypeError('undefined is not a function'), { kind: 'redeliver' }],
  ])('%s', (_name, error, expected) => {
    expect(classifyCycleFailure(error)).toEqual(expected);
  });
});
