import type { DirectoryChange } from '../directoryChangeSink';
import type { ScimServiceDeps } from './scimServiceDeps';

/**
 * Reports a successful write to the directory change sink (the gateway). If the sink fails, the write is undone
 * (best effort, conditional on the version just written) before the error becomes a 5xx: Entra's retry matches
 * before it writes (reference/inbound-and-scim.md §2.6), so a write left in place would look done to it and
 * never be sent again, and the change would never reach the targets. Undone, the retry redoes the write and
 * the sink runs again. An undo that fails too (or finds the resource changed again, whose own write then
 * reports the newest state) is left as it is. The undo is not reported to the sink: the retry restages the
 * redone state.
 */
export async function recordDirectoryChange(deps: Pick<ScimServiceDeps, 'changes'>, changes: readonly DirectoryChange[], undo: () => Promise<unknown>): Promise<void> {
  try {
    await deps.changes.recordChanges(changes);
  } catch (error) {
    await undo().catch(() => undefined);
    throw error;
  }
}
