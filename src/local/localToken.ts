import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where idbridge keeps local state (Azurite's data, the token files) when IDBRIDGE_HOME is not set. */
export const DEFAULT_IDBRIDGE_HOME = '.idbridge';

/** The file under IDBRIDGE_HOME that holds the local host's inbound token (bulk upload, SCIM). */
export function tokenFileIn(home: string): string {
  return join(home, 'token');
}

/** The file under IDBRIDGE_HOME that holds the local host's admin token (the management API, /api/jobs). */
export function adminTokenFileIn(home: string): string {
  return join(home, 'admin-token');
}

export interface LocalToken {
  token: string;
  /** True when it was just created: the caller prints it once. */
  generated: boolean;
  /** The environment variable or the file it came from, for telling the user where it is. */
  source: string;
}

function resolveKeptToken(envName: string, file: string, home: string, env: Record<string, string | undefined>): LocalToken {
  const fromEnv = env[envName]?.trim();
  if (fromEnv) return { token: fromEnv, generated: false, source: envName };
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return { token: stored, generated: false, source: file };
  }
  mkdirSync(home, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true, source: file };
}

/**
 * The local host's inbound bearer token: IDBRIDGE_TOKEN if set; otherwise the one kept in `<home>/token`,
 * generated on first start (readable by the owner only).
 */
export function resolveLocalToken(home: string, env: Record<string, string | undefined>): LocalToken {
  return resolveKeptToken('IDBRIDGE_TOKEN', tokenFileIn(home), home, env);
}

/**
 * The local host's admin token, kept the same way: IDBRIDGE_ADMIN_TOKEN if set; otherwise `<home>/admin-token`,
 * generated on first start. A separate random value, so the two never coincide (parseAppSettings refuses that).
 */
export function resolveLocalAdminToken(home: string, env: Record<string, string | undefined>): LocalToken {
  return resolveKeptToken('IDBRIDGE_ADMIN_TOKEN', adminTokenFileIn(home), home, env);
}
