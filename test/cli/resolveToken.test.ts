import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiConnection } from '../../src/cli/apiConnectionArgs';
import { resolveAdminToken, resolveToken } from '../../src/cli/resolveToken';

/* The management commands present the admin token, upload the inbound one (docs/local-host.md). */
function homeWithBothFiles(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'idbridge-cli-token-'));
  mkdirSync(join(cwd, 'home'));
  writeFileSync(join(cwd, 'home', 'token'), 'inbound-from-file-0123\n');
  writeFileSync(join(cwd, 'home', 'admin-token'), 'admin-from-file-0123\n');
  return cwd;
}

describe('resolveAdminToken', () => {
  it('takes --admin-token, else IDBRIDGE_ADMIN_TOKEN, else $IDBRIDGE_HOME/admin-token', async () => {
    const cwd = homeWithBothFiles();
    const env = { IDBRIDGE_HOME: 'home', IDBRIDGE_ADMIN_TOKEN: 'admin-from-env-0123', IDBRIDGE_TOKEN: 'inbound-from-env-0123' };
    expect(await resolveAdminToken('admin-from-flag-0123', { cwd, env })).toBe('admin-from-flag-0123');
    expect(await resolveAdminToken(undefined, { cwd, env })).toBe('admin-from-env-0123');
    expect(await resolveAdminToken(' ', { cwd, env: { IDBRIDGE_HOME: 'home', IDBRIDGE_ADMIN_TOKEN: '' } })).toBe('admin-from-file-0123');
  });

  it('never falls back to the inbound token', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'idbridge-cli-token-'));
    mkdirSync(join(cwd, 'home'));
    writeFileSync(join(cwd, 'home', 'token'), 'inbound-from-file-0123\n');
    expect(await resolveAdminToken(undefined, { cwd, env: { IDBRIDGE_HOME: 'home', IDBRIDGE_TOKEN: 'inbound-from-env-0123' } })).toBeUndefined();
    expect(await apiConnection('http://localhost:7071', undefined, { cwd, env: { IDBRIDGE_HOME: 'home', IDBRIDGE_TOKEN: 'inbound-from-env-0123' } })).toMatch(
      /^no admin token: pass --admin-token, set IDBRIDGE_ADMIN_TOKEN, or put it in .*home[/\\]admin-token$/,
    );
  });

  it('leaves upload on the inbound token', async () => {
    const cwd = homeWithBothFiles();
    expect(await resolveToken(undefined, { cwd, env: { IDBRIDGE_HOME: 'home', IDBRIDGE_ADMIN_TOKEN: 'admin-from-env-0123' } })).toBe('inbound-from-file-0123');
  });
});
