import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where idbridge keeps local state (Azurite's data, the token file) when IDBRIDGE_HOME is not set. */
export const DEFAULT_IDBRIDGE_HOME = '.idbridge';

/** The file under IDBRIDGE_HOME that holds the local host's token. */
export function tokenFileIn(home: string): string {
  return join(home, 'token');
}

/**
 * The local host's bearer token: IDBRIDGE_TOKEN if set; otherwise the one kept in `<home>/token`, generated
 * on first start (readable by the owner only). `generated` tells the caller to print it once.
 */
export function resolveLocalToken(home: string, env: Record<string, string | undefined>): { token: string; generated: boolean; source: string } {
  const fromEnv = env.IDBRIDGE_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, generated: false, source: 'IDBRIDGE_TOKEN' };
  const file = tokenFileIn(home);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return { token: stored, generated: false, source: file };
  }
  mkdirSync(home, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true, source: file };
}
