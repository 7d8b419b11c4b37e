import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandIo } from './commandIo';

import { DEFAULT_IDBRIDGE_HOME, tokenFileIn } from '../local/localToken';

/**
 * The bearer token: `--token`, else env IDBRIDGE_TOKEN, else the file `$IDBRIDGE_HOME/token` (which the
 * local host writes when it starts). Empty values count as missing. Undefined when there is none.
 */
export async function resolveToken(flag: string | undefined, io: Pick<CommandIo, 'env' | 'cwd'>): Promise<string | undefined> {
  const given = flag?.trim() || io.env.IDBRIDGE_TOKEN?.trim();
  if (given) return given;
  const file = tokenFilePath(io);
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function tokenFilePath(io: Pick<CommandIo, 'env' | 'cwd'>): string {
  return tokenFileIn(path.resolve(io.cwd, io.env.IDBRIDGE_HOME?.trim() || DEFAULT_IDBRIDGE_HOME));
}
