import type { JobSource } from './jobDefinition';

/**
 * Whether a job reads the built-in directory (writes into idbridge's own SCIM service). A SCIM source with a
 * `baseUrl` (a pull source) is an external app instead, so this is the test to use, not `type`.
 */
export function isBuiltInDirectorySource(source: JobSource): boolean {
  return source.type === 'scim' && source.baseUrl === undefined;
}
