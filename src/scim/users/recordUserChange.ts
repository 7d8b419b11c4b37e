import type { JsonObject } from '../../domain/identityObject';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';

/**
 * Reports a successful write to the directory change sink (the gateway). If the sink fails, the write is undone
 * (best effort, conditional on the version just written) before the error becomes a 5xx: Entra's retry matches
 * before it writes (reference/inbound-and-scim.md §2.6), so a write left in place would look done to it and
 * never be sent again, and the change would never reach the targets. Undone, the retry redoes the write and
 * the sink runs again. An undo that fails too (or finds the user changed again, whose own write then reports the
 * newest state) is left as it is. The undo is not reported to the sink: the retry restages the redone state.
 */
export async function recordUserChange(deps: ResolvedScimUsersDeps, id: string, resource: JsonObject | null, undo: () => Promise<unknown>): Promise<void> {
  try {
    await deps.changes.recordChanges([{ resourceType: 'User', id, resource }]);
  } catch (error) {
    await undo().catch(() => undefined);
    throw error;
  }
}
