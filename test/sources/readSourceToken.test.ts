import { readSourceToken } from '../../src/sources/readSourceToken';

describe('readSourceToken', () => {
  const env = { IDBRIDGE_SOURCE_TOKEN_HR: 'hr-token', IDBRIDGE_SOURCE_TOKEN_BLANK: ' ', IDBRIDGE_TARGET_TOKEN_APP: 'app-token', IDBRIDGE_STORAGE_CONNECTION: 'AccountKey=secret' };

  it('reads a source token setting', () => {
    expect(readSourceToken(env, 'IDBRIDGE_SOURCE_TOKEN_HR')).toBe('hr-token');
  });

  it.each(['IDBRIDGE_SOURCE_TOKEN_BLANK', 'IDBRIDGE_SOURCE_TOKEN_MISSING', 'IDBRIDGE_TARGET_TOKEN_APP', 'IDBRIDGE_STORAGE_CONNECTION'])('reads nothing from %s', (name) => {
    expect(readSourceToken(env, name)).toBeUndefined();
  });
});
