import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminTokenFileIn, resolveLocalAdminToken, resolveLocalToken, tokenFileIn } from '../../src/local/localToken';

/* The local host keeps two tokens, each as IDBRIDGE_TOKEN always has been kept (docs/local-host.md). */
const home = (): string => join(mkdtempSync(join(tmpdir(), 'idbridge-token-')), 'home');

describe('resolveLocalAdminToken', () => {
  it('generates <home>/admin-token on first start, readable by the owner only, and keeps it', () => {
    const dir = home();
    const first = resolveLocalAdminToken(dir, {});
    expect(first).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), generated: true, source: adminTokenFileIn(dir) });
    expect(readFileSync(join(dir, 'admin-token'), 'utf8')).toBe(`${first.token}\n`);
    if (process.platform !== 'win32') expect(statSync(adminTokenFileIn(dir)).mode & 0o777).toBe(0o600);
    expect(resolveLocalAdminToken(dir, {})).toEqual({ token: first.token, generated: false, source: adminTokenFileIn(dir) });
  });

  it('is a different secret from the inbound token, in a different file', () => {
    const dir = home();
    const inbound = resolveLocalToken(dir, {});
    const admin = resolveLocalAdminToken(dir, {});
    expect(admin.token).not.toBe(inbound.token);
    expect(inbound.source).toBe(tokenFileIn(dir));
    expect(admin.source).not.toBe(inbound.source);
  });

  it('takes IDBRIDGE_ADMIN_TOKEN from the environment first, and never IDBRIDGE_TOKEN', () => {
    const dir = home();
    expect(resolveLocalAdminToken(dir, { IDBRIDGE_ADMIN_TOKEN: ' admin-from-env-0123456789 ', IDBRIDGE_TOKEN: 'inbound-from-env-0123' })).toEqual({ token: 'admin-from-env-0123456789', generated: false, source: 'IDBRIDGE_ADMIN_TOKEN' });
    expect(resolveLocalAdminToken(dir, { IDBRIDGE_TOKEN: 'inbound-from-env-0123' }).token).not.toBe('inbound-from-env-0123');
  });

  it('replaces a kept admin token that is too short to be valid', () => {
    const dir = home();
    resolveLocalAdminToken(dir, {});
    writeFileSync(adminTokenFileIn(dir), 'short\n');
    expect(resolveLocalAdminToken(dir, {}).generated).toBe(true);
  });
});
