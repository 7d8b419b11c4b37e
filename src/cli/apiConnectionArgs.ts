import type { CommandIo } from './commandIo';
import type { ApiConnection } from './idbridgeApiClient';
import { UsageError } from './parseCommandArgs';
import { resolveToken, tokenFilePath } from './resolveToken';

/** The local host's address; in Azure pass --url https://<app>.azurewebsites.net. */
export const DEFAULT_API_URL = 'http://localhost:7071';

/** The options every command that calls the API takes, for parseCommandArgs. */
export const API_CONNECTION_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
} as const;

export const API_CONNECTION_USAGE = `--url defaults to ${DEFAULT_API_URL} (the local host). The token comes from --token, else IDBRIDGE_TOKEN,
else $IDBRIDGE_HOME/token (default .idbridge/token, written by idbridge start).`;

/** --url, checked when the arguments are read (a usage mistake, exit code 2). */
export function readApiUrl(value: string | undefined): string {
  const url = value ?? DEFAULT_API_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url must be an http(s) address, got "${url}"`);
  return url;
}

/** The connection, or a message that says where a token can come from. */
export async function apiConnection(url: string, tokenFlag: string | undefined, io: Pick<CommandIo, 'env' | 'cwd'>): Promise<ApiConnection | string> {
  const token = await resolveToken(tokenFlag, io);
  return token ? { url, token } : `no token: pass --token, set IDBRIDGE_TOKEN, or put it in ${tokenFilePath(io)}`;
}
