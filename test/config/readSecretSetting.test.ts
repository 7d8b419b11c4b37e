import { readSecretSetting } from '../../src/config/appSettings';

describe('readSecretSetting', () => {
  const env = { IDBRIDGE_TARGET_TOKEN_APP: 'app-token', IDBRIDGE_STORAGE_CONNECTION: 'AccountKey=secret', IDBRIDGE_TARGET_TOKEN_EMPTY: '  ' };

  it('reads target tokens', () => {
    expect(readSecretSetting(env, 'IDBRIDGE_TARGET_TOKEN_APP')).toBe('app-token');
  });

  it('never hands out other settings, even if a job names them', () => {
    expect(readSecretSetting(env, 'IDBRIDGE_STORAGE_CONNECTION')).toBeUndefined();
  });

  it('treats an empty value as unset', () => {
    expect(readSecretSetting(env, 'IDBRIDGE_TARGET_TOKEN_EMPTY')).toBeUndefined();
  });
});
