import { parseAppSettings, redactAppSettings } from '../../src/config/appSettings';
import { ValidationError } from '../../src/domain/errors';

/*
 * The two bearer tokens (docs/api.md#authentication): IDBRIDGE_TOKEN feeds data in, IDBRIDGE_ADMIN_TOKEN manages
 * jobs. Both are required, at least 16 characters, and must differ, or the split would protect nothing.
 */
const base = { IDBRIDGE_QUEUE_KIND: 'storageQueue', IDBRIDGE_STORAGE_CONNECTION: 'UseDevelopmentStorage=true' };
const inbound = 'inbound-token-0123456789';
const admin = 'admin-token-0123456789ab';

function problems(env: Record<string, string | undefined>): { path: string; message: string }[] {
  try {
    parseAppSettings(env);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('IDBRIDGE_ADMIN_TOKEN', () => {
  it('is read alongside IDBRIDGE_TOKEN', () => {
    const settings = parseAppSettings({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: admin });
    expect([settings.IDBRIDGE_TOKEN, settings.IDBRIDGE_ADMIN_TOKEN]).toEqual([inbound, admin]);
  });

  it.each([['missing', undefined], ['empty', ''], ['blank', '   ']])('is required (%s)', (_case, value) => {
    expect(problems({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: value })).toEqual([
      { path: 'IDBRIDGE_ADMIN_TOKEN', message: 'is required: the bearer token for the management API (/api/jobs)' },
    ]);
  });

  it('must be at least 16 characters', () => {
    expect(problems({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: 'x'.repeat(15) })).toEqual([{ path: 'IDBRIDGE_ADMIN_TOKEN', message: 'must be at least 16 characters' }]);
    expect(parseAppSettings({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: 'x'.repeat(16) }).IDBRIDGE_ADMIN_TOKEN).toHaveLength(16);
  });

  it.each([['equal', inbound], ['equal but for surrounding spaces', ` ${inbound} `]])('must differ from IDBRIDGE_TOKEN (%s), and says why', (_case, value) => {
    const found = problems({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: value });
    expect(found).toEqual([{ path: 'IDBRIDGE_ADMIN_TOKEN', message: expect.stringMatching(/^must differ from IDBRIDGE_TOKEN: .*management API/) }]);
    // The refusal names the settings, never their values.
    expect(JSON.stringify(found)).not.toContain(inbound);
  });

  it('reports both tokens when both are missing', () => {
    expect(problems(base).map((p) => p.path)).toEqual(['IDBRIDGE_TOKEN', 'IDBRIDGE_ADMIN_TOKEN']);
  });

  it('is redacted like every other secret', () => {
    const redacted = redactAppSettings(parseAppSettings({ ...base, IDBRIDGE_TOKEN: inbound, IDBRIDGE_ADMIN_TOKEN: admin }));
    expect(redacted.IDBRIDGE_ADMIN_TOKEN).toBe('[Redacted]');
    expect(JSON.stringify(redacted)).not.toContain(admin);
  });
});
