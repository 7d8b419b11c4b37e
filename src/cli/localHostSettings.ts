import { resolve } from 'node:path';
import { ValidationError } from '../domain/errors';
import { DEFAULT_IDBRIDGE_HOME } from '../local/localToken';

/** Settings of the local host only (not app settings: in Azure the platform decides these). */
export interface LocalHostSettings {
  home: string;
  port: number;
  jobsDir: string;
}

export function readLocalHostSettings(env: Record<string, string | undefined>, cwd: string): LocalHostSettings {
  const port = env.PORT?.trim() ? Number(env.PORT) : 7071;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError([{ path: 'PORT', message: `"${env.PORT}" is not a TCP port` }]);
  return {
    home: resolve(cwd, env.IDBRIDGE_HOME?.trim() || DEFAULT_IDBRIDGE_HOME),
    port,
    jobsDir: resolve(cwd, env.IDBRIDGE_JOBS_DIR?.trim() || 'examples/jobs'),
  };
}
