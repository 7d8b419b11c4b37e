import { SOURCE_TOKEN_SETTING_PREFIX } from '../domain/jobDefinition';

/**
 * The token in the app setting a job's `source.tokenSetting` names; undefined when unset or blank. Only
 * IDBRIDGE_SOURCE_TOKEN_* settings are read (defence in depth: job validation already allows no other name),
 * so that a job can never send another setting, such as the storage connection string, to a URL. The value
 * must never reach a log.
 */
export function readSourceToken(env: Record<string, string | undefined>, name: string): string | undefined {
  if (!name.startsWith(SOURCE_TOKEN_SETTING_PREFIX)) return undefined;
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
