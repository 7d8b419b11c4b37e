import { TransientError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleMessage } from '../domain/cycleMessage';
import type { CycleProgress, JobState } from '../domain/jobState';
import type { VersionedJobState } from '../state/jobStateStore';
import { isBuiltInDirectorySource } from '../domain/isBuiltInDirectorySource';
import { mapBounded } from '../concurrency/mapBounded';
import { findObjectMapping } from '../engine/compiledMapping';
import type { SourceConnector, SourceObject, SourcePage } from '../sources/sourceConnector';
import type { StageRecord } from '../state/stagingStore';
import { MAX_TABLE_STRING_CHARS } from '../state/tables/tableStringLimit';
import { advanceCycle, type CycleNext } from './advanceCycle';
import { commitCycleState, commitCycleStep } from './commitCycleStep';
import type { CycleDeps } from './cycleDeps';
import { leaseUntil } from './cycleLease';
import { cycleReconcileMessages } from './cycleReconcileMessages';
import { failureStep, type CycleStep } from './cycleStep';
import type { InProcessReconciler, ReconciledWork } from './inProcessReconciler';
import { WindowStaging } from './windowStaging';

/** Source pages one window reads at most (pagesPerWindow). */
export const WINDOW_PAGES = 50;
/** Objects one window holds at most: bounds memory whatever the source's page size. */
const WINDOW_OBJECTS = 5_000;
/** Messages' bookkeeping (logs, counters) written at once after a page's rows. */
const RECORD_CONCURRENCY = 4;
/** Staged rows looked up at once for the overlap of a window's first page. */
const LOOKUP_CONCURRENCY = 16;

export type WindowDeps = Pick<CycleDeps, 'sourceFor' | 'staging' | 'queue' | 'jobStates' | 'now' | 'cycleLeaseInMs'> & { inProcess?: InProcessReconciler };

/**
 * What the import phase does with the page at the cursor: 'window', reconcile a window of pages in this process
 * (importWindow); 'queued', stage and enqueue the page (importPage); 'queuedLive', the same, but the reconciles
 * match against the target itself, not the target index (the page may hold objects that a crashed window created).
 * A window another delivery may still be working on is waited for: 'wait', with how long.
 */
export type ImportMode = { kind: 'window' } | { kind: 'queued' } | { kind: 'queuedLive' } | { kind: 'wait'; delayInMs: number };

/**
 * A job's first initial cycle from a source that only pulls (an external SCIM app) is where nearly all of a job's
 * creates happen, and every object is new: there is nothing to read first and nobody else writes the rows. So
 * instead of staging each object, enqueueing it and reading it back in the reconcile (four Table requests an
 * object: the insert, the read, the create lease and the link), the window reconciles the objects it read straight
 * from memory and writes each row once, with its link (issue 5's goal that the engine not be the bottleneck).
 * Every other cycle, and a source that pushes (its pushes would race the held objects), goes the queued way.
 */
export function importMode(deps: Pick<WindowDeps, 'inProcess' | 'now'>, job: JobDefinition, state: JobState, cycle: CycleProgress): ImportMode {
  const marker = cycle.inProcessWindow;
  if (marker && cycle.pagesDone >= marker.fromPage && cycle.pagesDone < marker.fromPage + marker.pages) {
    const remaining = Date.parse(marker.until) - deps.now().getTime();
    return remaining > 0 ? { kind: 'wait', delayInMs: remaining } : { kind: 'queuedLive' };
  }
  const pullOnly = job.source.type === 'scim' && !isBuiltInDirectorySource(job.source);
  const firstInitial = cycle.kind === 'initial' && state.lastExecution === undefined && cycle.phase === 'import';
  return deps.inProcess && pullOnly && firstInitial ? { kind: 'window' } : { kind: 'queued' };
}

/**
 * Reads up to `pagesPerWindow` pages from the cycle's cursor (the next while the current one reconciles),
 * reconciles their objects in process through WindowStaging, and for each page, in order: writes its rows with
 * their links (insertReconciled), does its messages' bookkeeping (retries, escrow, logs, counters), and records the
 * page as done in the job state, as the queued way does page by page. The page after the window's last is sent as
 * the next message. Returns what the message did, everything committed.
 *
 * Crash safety: before the first create the job state records the window (`inProcessWindow`, conditional on the
 * ETag read, so that of two deliveries only one runs it). If the process dies, the marker outlives it: another
 * delivery waits for its `until` (the window starts no page after a quarter of the cycle lease and the marker lasts
 * half of it), then does the window's pages not yet recorded the queued way with live matching (importMode), which
 * links what the window created instead of creating it again. Rows record the page that wrote them, so the page
 * done again reconciles their objects again (through their links), and the counts stay whole. Objects whose creates
 * timed out keep their create lease in the row, as the queued reconcile would.
 *
 * A pause while a window runs takes effect at the next message, at most a quarter of the lease later.
 */
export async function importWindow(deps: WindowDeps & { inProcess: InProcessReconciler }, job: JobDefinition, read: VersionedJobState, cycle: CycleProgress, message: CycleMessage): Promise<CycleMessageOutcome> {
  const started = deps.now();
  const budgetEnd = started.getTime() + deps.cycleLeaseInMs / 4;
  const windowPages = pagesPerWindow(job);
  const source = deps.sourceFor(job);
  // Read before marking: a source that fails leaves nothing to recover.
  let pending: Promise<SourcePage> = readPage(source, cycle.cursor);
  let page: SourcePage;
  try {
    page = await pending;
  } catch (error) {
    const step = failureStep(error, job, started, deps.cycleLeaseInMs);
    return (await commitCycleStep(deps, read, message, step)) ? step.outcome : 'dropped';
  }
  const marked: JobState = {
    ...read.state,
    cycle: { ...cycle, inProcessWindow: { fromPage: cycle.pagesDone, pages: windowPages, until: new Date(started.getTime() + deps.cycleLeaseInMs / 2).toISOString() } },
    cycleLeaseUntil: leaseUntil(started, deps.cycleLeaseInMs),
  };
  const afterMark = await deps.jobStates.put(marked, read.etag);
  if (afterMark === 'conflict') {
    // Someone wrote the state since it was read (a pause, another delivery): the queue brings this page again.
    throw new TransientError(`the state of job '${job.id}' changed before cycle ${cycle.cycleId} could reconcile a window`, { code: 'JobStateContention' });
  }

  const at = started.toISOString();
  const staging = new WindowStaging(deps.staging, job.id, at);
  let current: VersionedJobState | undefined = afterMark;
  const result: { outcome: CycleMessageOutcome } = { outcome: 'advanced' };
  let committing: Promise<void> = Promise.resolve();
  const chain: Promise<void>[] = [];
  for (let pages = 1; ; pages++) {
    const pageNumber = cycle.pagesDone + pages - 1;
    const more = page.nextCursor !== undefined && pages < windowPages && deps.now().getTime() < budgetEnd;
    if (more) {
      pending = readPage(source, page.nextCursor);
      pending.catch(() => undefined); // awaited below; a failure then ends the window early
    }
    // A source paged with overlap hands the last window's last objects to this window's first page again.
    const done = pages === 1 && cycle.cursor !== undefined ? await alreadyStaged(deps, job, page) : new Set<string>();
    const oversized: SourceObject[] = [];
    const fresh = holdPage(job, staging, page, oversized, done);
    const works: ReconciledWork[] = [];
    for (const [objectType, keys] of fresh) {
      for (const m of cycleReconcileMessages(job.id, objectType, keys, cycle)) works.push(await deps.inProcess.reconcile(job, marked, m, staging));
    }
    // The page's rows and bookkeeping are written while the next page reconciles (Table writes and target requests
    // overlap), and the pages are recorded in order. At most two pages are being written at once.
    const persisted = persistPage(deps, job, cycle, pageNumber, { staging, fresh, works, oversized, at });
    persisted.catch(() => undefined); // awaited in the chain
    const read = page.objects.length;
    const next = nextAfter(page, more);
    committing = committing.then(async () => {
      const queued = await persisted;
      if (!current) return; // the cycle moved on (a restart): nothing more to record
      const pageMessage = { jobId: job.id, cycleId: cycle.cycleId, page: pageNumber };
      const transition = (s: JobState): JobState => {
        const advanced = advanceCycle(s, { read, queued, deleted: 0 }, next, leaseUntil(deps.now(), deps.cycleLeaseInMs));
        if (advanced.cycle && !next.keepMarker) delete advanced.cycle.inProcessWindow;
        return advanced;
      };
      if (next.keepMarker) {
        current = await commitCycleState(deps, current, pageMessage, transition);
      } else {
        const written = await commitCycleStep(deps, current, { kind: 'cycle', ...pageMessage }, { outcome: 'advanced', transition });
        current = undefined;
        result.outcome = written ? 'advanced' : 'dropped';
      }
      if (!current && next.keepMarker) result.outcome = 'dropped';
    });
    committing.catch(() => undefined); // awaited below
    chain.push(committing);
    if (chain.length >= 2) await chain[chain.length - 2];
    if (!more || result.outcome === 'dropped') break;
    try {
      page = await pending;
    } catch {
      // The window ends with the pages read; the next message reads this page again and judges the failure.
      await committing;
      if (current) {
        // The last page read was recorded with the marker kept (more pages were expected): end the window here.
        const written = await commitCycleStep(deps, current, { kind: 'cycle', jobId: job.id, cycleId: cycle.cycleId, page: cycle.pagesDone + pages }, { outcome: 'advanced', transition: withoutMarker });
        result.outcome = written ? 'advanced' : 'dropped';
      }
      return result.outcome;
    }
  }
  await committing;
  return result.outcome;
}

export type CycleMessageOutcome = 'advanced' | 'dropped' | CycleStep['outcome'];

/** Where the cycle goes after a window's page: the next page, or the sweep after the source's last; the window's last page drops the marker. */
function nextAfter(page: SourcePage, more: boolean): CycleNext & { keepMarker: boolean } {
  if (page.nextCursor !== undefined) return { phase: 'import', cursor: page.nextCursor, keepMarker: more };
  return { phase: 'sweep', ...(page.watermark !== undefined ? { nextWatermark: page.watermark } : {}), keepMarker: false };
}

/** A transition that only ends the window (its pages were all recorded). */
function withoutMarker(state: JobState): JobState {
  if (!state.cycle) return state;
  const { inProcessWindow: _done, ...cycle } = state.cycle;
  return { ...state, cycle };
}

/**
 * Pages one window reads: as many as WINDOW_OBJECTS needs at the job's page size, at most WINDOW_PAGES. The
 * marker names exactly these pages, so that a crash sends no more of them the slow way than the window could
 * have touched.
 */
function pagesPerWindow(job: JobDefinition): number {
  const pageSize = job.source.type === 'scim' ? job.source.pageSize : 100;
  return Math.max(1, Math.min(WINDOW_PAGES, Math.ceil(WINDOW_OBJECTS / pageSize)));
}

function readPage(source: SourceConnector, cursor: string | undefined): Promise<SourcePage> {
  return source.readPage({ mode: 'full', ...(cursor !== undefined ? { cursor } : {}) });
}

/**
 * Holds a page's objects of the types the job maps; returns the newly held keys by type (an object read again,
 * on an overlapping page, was reconciled already, as were the `done` ones). Objects too large for a row go the queued way, where
 * staging refuses them as it always has.
 */
function holdPage(job: JobDefinition, staging: WindowStaging, page: SourcePage, oversized: SourceObject[], done: ReadonlySet<string>): Map<string, string[]> {
  const fresh = new Map<string, string[]>();
  for (const object of page.objects) {
    if (!findObjectMapping(job, object.objectType) || done.has(`${object.objectType}|${object.key}`)) continue;
    if (JSON.stringify(object.data).length > MAX_TABLE_STRING_CHARS) {
      oversized.push(object);
      continue;
    }
    if (!staging.hold(object.objectType, object.key, object.data, object.version)) continue;
    const keys = fresh.get(object.objectType) ?? [];
    keys.push(object.key);
    fresh.set(object.objectType, keys);
  }
  return fresh;
}

/**
 * Writes one page's rows (marked as seen on that page), then its messages' bookkeeping, whose follow-up messages
 * (retries, escrow) read the rows; objects too large for a row are staged and enqueued the queued way. Returns how
 * many of the page's objects were reconciled or enqueued.
 */
async function persistPage(
  deps: Pick<WindowDeps, 'staging' | 'queue'>,
  job: JobDefinition,
  cycle: CycleProgress,
  pageNumber: number,
  page: { staging: WindowStaging; fresh: ReadonlyMap<string, readonly string[]>; works: readonly ReconciledWork[]; oversized: readonly SourceObject[]; at: string },
): Promise<number> {
  for (const [objectType, keys] of page.fresh) {
    await deps.staging.insertReconciled(job.id, objectType, page.staging.records(objectType, keys), page.at, { cycleId: cycle.cycleId, page: pageNumber });
  }
  for (let i = 0; i < page.works.length; i += RECORD_CONCURRENCY) {
    await Promise.all(page.works.slice(i, i + RECORD_CONCURRENCY).map((work) => work.record()));
  }
  const queued = await stageOversized(deps, job, cycle, pageNumber, page.oversized, page.at);
  return queued + page.works.reduce((sum, work) => sum + work.finished, 0);
}

/** The keys of a page's objects (`type|key`) that are staged already: an earlier window of this cycle had them. */
async function alreadyStaged(deps: Pick<WindowDeps, 'staging'>, job: JobDefinition, page: SourcePage): Promise<Set<string>> {
  const mapped = page.objects.filter((object) => findObjectMapping(job, object.objectType));
  const found = await mapBounded(mapped, LOOKUP_CONCURRENCY, async (object) => ((await deps.staging.get(job.id, object.objectType, object.key)) ? `${object.objectType}|${object.key}` : undefined));
  return new Set(found.filter((key): key is string => key !== undefined));
}

/** Stages and enqueues the objects the window did not hold, as importPage would; returns how many were queued. */
async function stageOversized(deps: Pick<WindowDeps, 'staging' | 'queue'>, job: JobDefinition, cycle: CycleProgress, pageNumber: number, objects: readonly SourceObject[], at: string): Promise<number> {
  let queued = 0;
  for (const object of objects) {
    const record: StageRecord = { sourceKey: object.key, data: object.data, ...(object.version !== undefined ? { sourceVersion: object.version } : {}) };
    await deps.staging.stage(job.id, object.objectType, [record], at, { cycleId: cycle.cycleId, page: pageNumber });
    await deps.queue.send(cycleReconcileMessages(job.id, object.objectType, [object.key], cycle));
    queued++;
  }
  return queued;
}
