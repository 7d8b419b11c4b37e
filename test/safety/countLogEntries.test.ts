import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import { CONNECTION_FAILURES, countLogEntries, REFERENCE_FAILURES } from '../../src/safety/countLogEntries';
import { logEntry } from './support/logEntry';

describe('countLogEntries', () => {
  it('counts entries by action and status', () => {
    expect(countLogEntries([logEntry('create', 'success'), logEntry('create', 'success'), logEntry('other', 'skipped'), logEntry('stagedDelete', 'skipped')])).toEqual({
      'create.success': 2,
      'other.skipped': 1,
      'stagedDelete.skipped': 1,
    });
  });

  it('also counts failures while resolving references (a group\'s members) and failures to reach or sign in to the target', () => {
    const counts = countLogEntries([
      logEntry('other', 'failure', { errorCode: SCIM_ERROR_CODES.serverError, failedStepType: 'referenceResolution' }),
      logEntry('other', 'failure', { errorCode: SCIM_ERROR_CODES.unauthorized, failedStepType: 'processing' }),
      logEntry('other', 'failure', { errorCode: SCIM_ERROR_CODES.unreachable, failedStepType: 'processing' }),
      logEntry('other', 'failure', { errorCode: SCIM_ERROR_CODES.rejected, failedStepType: 'processing' }),
    ]);
    expect(counts).toEqual({ 'other.failure': 4, [REFERENCE_FAILURES]: 1, [CONNECTION_FAILURES]: 2 });
  });

  it('counts nothing for no entries', () => {
    expect(countLogEntries([])).toEqual({});
  });
});
