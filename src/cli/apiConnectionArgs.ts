import type { CommandIo } from './commandIo';
import type { ApiConnection } from './idbridgeApiClient';
import { UsageError } from './parseCommandArgs';
import { adminTokenFilePath, resolveAdminToken } from './resolveToken';

/** The local host's address; in Azure pass --url https://<app>.azurewebsites.net. */
export const DEFAULT_API_URL = 'http://localhost:7071';

/**
 * The options every command that calls the management API takes, for parseCommandArgs. The management API
 * takes the admin token only (docs/api.md#authentication), so there is no --token here: `upload` is the one
 * command that presents the inbound token.
 */
export const API_CONNECTION_OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
} as const;

export const API_CONNECTION_USAGE = `--url defaults to ${DEFAULT_API_URL} (the local host). The admin token comes from --admin-token, else
IDBRIDGE_ADMIN_TOKEN, else $IDBRIDGE_HOME/admin-token (default .idbridge/admin-token, written by idbridge start).`;

/** --url, checked when the arguments are read (a usage mistake, exit code 2). */
export function readApiUrl(value: string | undefined): string {
  const url = value ?? DEFAULT_API_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url must be an http(s) address, got "${url}"`);
  return url;
}

/** The connection with the admin token, or a message that says where that token can come from. */
export async function apiConnection(url: string, adminTokenFlag: string | undefined, io: Pick<CommandIo, 'env' | 'cwd'>): Promise<ApiConnection | string> {
  const token = await resolveAdminToken(adminTokenFlag, io);
  return token ? { url, token } : `no admin token: pass --admin-token, set IDBRIDGE_ADMIN_TOKEN, or put it in ${adminTokenFilePath(io)}`;
}
