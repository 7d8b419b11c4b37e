import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandIo } from './commandIo';

import { adminTokenFileIn, DEFAULT_IDBRIDGE_HOME, tokenFileIn } from '../local/localToken';

type TokenIo = Pick<CommandIo, 'env' | 'cwd'>;

/** The flag, else the environment variable, else the file's content; empty values count as missing. */
async function firstToken(flag: string | undefined, fromEnv: string | undefined, file: string): Promise<string | undefined> {
  const given = flag?.trim() || fromEnv?.trim();
  if (given) return given;
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The inbound bearer token (bulk upload): `--token`, else env IDBRIDGE_TOKEN, else the file
 * `$IDBRIDGE_HOME/token` (which the local host writes when it starts). Undefined when there is none.
 */
export function resolveToken(flag: string | undefined, io: TokenIo): Promise<string | undefined> {
  return firstToken(flag, io.env.IDBRIDGE_TOKEN, tokenFilePath(io));
}

/**
 * The admin bearer token (the management API, /api/jobs): `--admin-token`, else env IDBRIDGE_ADMIN_TOKEN, else
 * the file `$IDBRIDGE_HOME/admin-token` (written by the local host). Undefined when there is none.
 */
export function resolveAdminToken(flag: string | undefined, io: TokenIo): Promise<string | undefined> {
  return firstToken(flag, io.env.IDBRIDGE_ADMIN_TOKEN, adminTokenFilePath(io));
}

function homeOf(io: TokenIo): string {
  return path.resolve(io.cwd, io.env.IDBRIDGE_HOME?.trim() || DEFAULT_IDBRIDGE_HOME);
}

export function tokenFilePath(io: TokenIo): string {
  return tokenFileIn(homeOf(io));
}

export function adminTokenFilePath(io: TokenIo): string {
  return adminTokenFileIn(homeOf(io));
}
