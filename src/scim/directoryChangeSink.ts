import type { JsonObject } from '../domain/identityObject';

/** One write to the built-in directory: the resource as stored now, or null when it was deleted. */
export interface DirectoryChange {
  resourceType: 'User' | 'Group';
  id: string;
  resource: JsonObject | null;
}

/**
 * Where the SCIM service reports every successful write (create, replace, patch, delete, bulk), so that the
 * gateway reconciles the change into the targets of every job whose source is the built-in directory.
 * Contract: resolves once the changes are staged and queued for those jobs (or there are no such jobs).
 */
export interface DirectoryChangeSink {
  recordChanges(changes: readonly DirectoryChange[]): Promise<void>;
}
