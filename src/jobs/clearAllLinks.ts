import type { StagingStore } from '../state/stagingStore';

/**
 * Forgets every link of a job, page by page (StagingStore.clearLinks), for a restart with ConnectorDataStore or
 * Full. Returns how many rows lost a link. A failure part-way leaves some links cleared; the operator's retry
 * of the restart clears the rest, which is what it asked for anyway.
 */
export async function clearAllLinks(staging: Pick<StagingStore, 'clearLinks'>, jobId: string): Promise<number> {
  let cleared = 0;
  let continuationToken: string | undefined;
  do {
    const page = await staging.clearLinks(jobId, continuationToken === undefined ? {} : { continuationToken });
    cleared += page.cleared;
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return cleared;
}
