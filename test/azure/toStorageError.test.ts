import { RestError } from '@azure/data-tables';
import { ThrottledError, TransientError } from '../../src/domain/errors';
import { toStorageError } from '../../src/azure/toStorageError';

describe('toStorageError', () => {
  it.each<[string, unknown, unknown]>([
    ['429', new RestError('busy', { statusCode: 429 }), ThrottledError],
    ['503', new RestError('busy', { statusCode: 503 }), ThrottledError],
    ['500', new RestError('boom', { statusCode: 500 }), TransientError],
    ['network', new RestError('reset', { code: 'ECONNRESET' }), TransientError],
    ['request not sent', new RestError('no', { code: 'REQUEST_SEND_ERROR' }), TransientError],
  ])('classifies %s', (_, thrown, type) => {
    const error = toStorageError(thrown, 'op');
    expect(error).toBeInstanceOf(type as typeof Error);
    expect(error.cause).toBe(thrown);
  });

  it('leaves request errors (4xx) for the caller', () => {
    const conflict = new RestError('exists', { statusCode: 409 });
    expect(toStorageError(conflict, 'op')).toBe(conflict);
  });

  it('defaults the wait when there is no Retry-After', () => {
    const error = toStorageError(new RestError('busy', { statusCode: 503 }), 'op') as ThrottledError;
    expect(error.retryAfterMs).toBe(1000);
  });
});
