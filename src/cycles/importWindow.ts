import { TransientError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleMessage } from '../domain/cycleMessage';
import type { ReconcileMessage } from '../domain/reconcileMessage';
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
import { failureStep, PARK_STEP, type CycleStep } from './cycleStep';
import type { InProcessReconciler, ReconciledWork } from './inProcessReconciler';
import { WindowStaging } from './windowStaging';

/** Source pages one window reads at most (pagesPerWindow). */
export const WINDOW_PAGES = 200;
/**
 * Objects one window reads at most. Each window ends with its last group written while the target gets no
 * request, and the next one starts from the queue: ~0.6 s a window, measured against a target answering in 20 ms
 * (5,000-object windows: 90 % of its raw rate; 20,000: 95 %). The cost of a larger window is after a crash: its
 * unrecorded pages are redone matching against the target (a GET before each create).
 */
const WINDOW_OBJECTS = 20_000;
/**
 * Objects a group of pages holds at most: a group's objects stay in memory until its rows are written (while the
 * next group reconciles), then the window lets go of them (WindowStaging.release), so this, not the window,
 * bounds the memory a window needs.
 */
const GROUP_OBJECTS = 2_500;
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
 * Reads up to `pagesPerWindow` pages from the cycle's cursor (the next while the current one reconciles) and
 * reconciles their objects in process through WindowStaging. After each *group* of pages (GROUP_OBJECTS, and
 * shrinking toward the window's end: nextGroupPages) it writes the group's rows with their links in entity-group
 * transactions (insertReconciled: rows of a group share partitions, so a transaction of the first group carries
 * ~10 of them), does its messages' bookkeeping (retries, escrow, logs, counters), and
 * records its pages as done in the job state, while the next group reconciles; then the window lets go of the
 * group's objects (WindowStaging.release). After the window's last page, the
 * page after it is sent as the next message. Returns what the message did, everything committed.
 *
 * Crash safety: before the first create the job state records the window (`inProcessWindow`, conditional on the
 * ETag read, so that of two deliveries only one runs it). If the process dies, the marker outlives it: another
 * delivery waits for its `until` (the window starts no page after a quarter of the cycle lease and the marker lasts
 * half of it), then does the window's pages not yet recorded the queued way with live matching (importMode), which
 * links what the window created instead of creating it again. Rows record the page that read them, so that page
 * done again reconciles their objects again (through their links), and the counts stay whole. Objects whose creates
 * timed out keep their create lease in the row, as the queued reconcile would.
 *
 * A pause while a window runs takes effect after the group of pages being reconciled (at most GROUP_OBJECTS).
 */
export async function importWindow(deps: WindowDeps & { inProcess: InProcessReconciler }, job: JobDefinition, read: VersionedJobState, cycle: CycleProgress, message: CycleMessage): Promise<CycleMessageOutcome> {
  const started = deps.now();
  const budgetEnd = started.getTime() + deps.cycleLeaseInMs / 4;
  const windowPages = pagesPerWindow(job);
  const maxGroupPages = pagesPerGroup(job);
  let groupPages = nextGroupPages(windowPages, maxGroupPages);
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
  const recorder = new GroupRecorder(deps, job, cycle, staging, afterMark, at);
  let group: PageDone[] = [];
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
    const fresh = holdPage(job, staging, page, pageNumber, oversized, done);
    const works: ReconciledWork[] = [];
    for (const [objectType, keys] of fresh) works.push(await deps.inProcess.reconcile(job, marked, pageMessage(job, objectType, keys, cycle), staging));
    group.push({ pageNumber, read: page.objects.length, fresh, works, oversized, next: nextAfter(page) });
    let failedRead = false;
    if (more) {
      try {
        page = await pending;
      } catch {
        // The window ends with the pages read; the next message reads this page again and judges the failure.
        failedRead = true;
      }
    }
    const last = !more || failedRead;
    if (last || group.length >= groupPages) {
      await recorder.record(group, last);
      group = [];
      groupPages = nextGroupPages(windowPages - pages, maxGroupPages);
      if (!last && (await pausedMeanwhile(deps, job.id))) {
        // An operator paused the job while the window ran: it stops once what it reconciled is written and
        // recorded, as a queued cycle stops before its next page (PARK_STEP), and resumes from there on /start.
        return recorder.park();
      }
    }
    if (last || recorder.dropped) break;
  }
  return recorder.finish();
}

/** One page of a window, reconciled and not yet recorded. */
interface PageDone {
  pageNumber: number;
  read: number;
  fresh: ReadonlyMap<string, readonly string[]>;
  works: readonly ReconciledWork[];
  oversized: readonly SourceObject[];
  next: CycleNext;
}

/**
 * Writes and records a window's groups of pages in order, each while the next reconciles (at most one behind):
 * the group's rows in transactions, then its bookkeeping, then its pages in the job state; the window's last
 * group ends the window (the marker goes, the next page's message is sent).
 */
class GroupRecorder {
  private current: VersionedJobState | undefined;
  private chain: Promise<void> = Promise.resolve();
  private outcome: CycleMessageOutcome = 'advanced';

  constructor(
    private readonly deps: WindowDeps,
    private readonly job: JobDefinition,
    private readonly cycle: CycleProgress,
    private readonly staging: WindowStaging,
    marked: VersionedJobState,
    private readonly at: string,
  ) {
    this.current = marked;
  }

  /** True once the cycle moved on without this window (a restart): nothing more is recorded. */
  get dropped(): boolean {
    return this.outcome === 'dropped';
  }

  /**
   * Ends the window early for a pause: once every group it reconciled is written and recorded, nothing it created
   * is unrecorded, so the marker goes with the lease (the cycle is parked, no next message is sent), and /start
   * resumes at the next page, in a new window.
   */
  async park(): Promise<CycleMessageOutcome> {
    await this.chain;
    const current = this.current;
    const page = current?.state.cycle?.pagesDone;
    if (!current || page === undefined) return this.outcome;
    const parked = await commitCycleState(this.deps, current, { jobId: this.job.id, cycleId: this.cycle.cycleId, page }, (state) => PARK_STEP.transition(withoutMarker(state)));
    return parked ? 'parked' : 'dropped';
  }

  /** Starts writing `pages`, after the groups before them; waits for the group before to be recorded. */
  async record(pages: readonly PageDone[], endsWindow: boolean): Promise<void> {
    const before = this.chain;
    const written = this.write(pages);
    written.catch(() => undefined); // awaited in the chain
    this.chain = before.then(async () => {
      const queued = await written;
      await this.commit(pages, queued, endsWindow);
    });
    this.chain.catch(() => undefined); // awaited by the next record or finish
    await before;
  }

  async finish(): Promise<CycleMessageOutcome> {
    await this.chain;
    return this.outcome;
  }

  /** The group's rows (each marked with the page that read it), then its bookkeeping; returns objects queued per page. */
  private async write(pages: readonly PageDone[]): Promise<number[]> {
    const keysByType = new Map<string, string[]>();
    for (const p of pages) {
      for (const [objectType, keys] of p.fresh) {
        const all = keysByType.get(objectType) ?? [];
        all.push(...keys);
        keysByType.set(objectType, all);
      }
    }
    for (const [objectType, keys] of keysByType) {
      await this.deps.staging.insertReconciled(this.job.id, objectType, this.staging.records(objectType, keys), this.at, { cycleId: this.cycle.cycleId, page: this.cycle.pagesDone });
      this.staging.release(objectType, keys);
    }
    const works = pages.flatMap((p) => p.works);
    for (let i = 0; i < works.length; i += RECORD_CONCURRENCY) {
      await Promise.all(works.slice(i, i + RECORD_CONCURRENCY).map((work) => work.record()));
    }
    const queued: number[] = [];
    for (const p of pages) {
      const oversized = await stageOversized(this.deps, this.job, this.cycle, p.pageNumber, p.oversized, this.at);
      queued.push(oversized + p.works.reduce((sum, work) => sum + work.finished, 0));
    }
    return queued;
  }

  private async commit(pages: readonly PageDone[], queued: readonly number[], endsWindow: boolean): Promise<void> {
    const first = pages[0];
    if (!this.current || !first) return;
    const transition = (state: JobState): JobState => {
      let next = state;
      pages.forEach((p, i) => {
        next = advanceCycle(next, { read: p.read, queued: queued[i] ?? 0, deleted: 0 }, p.next, leaseUntil(this.deps.now(), this.deps.cycleLeaseInMs));
      });
      return endsWindow ? withoutMarker(next) : next;
    };
    const pageMessage = { jobId: this.job.id, cycleId: this.cycle.cycleId, page: first.pageNumber };
    if (endsWindow) {
      const written = await commitCycleStep(this.deps, this.current, { kind: 'cycle', ...pageMessage }, { outcome: 'advanced', transition });
      this.current = undefined;
      if (!written) this.outcome = 'dropped';
      return;
    }
    this.current = await commitCycleState(this.deps, this.current, pageMessage, transition);
    if (!this.current) this.outcome = 'dropped';
  }
}

export type CycleMessageOutcome = 'advanced' | 'dropped' | CycleStep['outcome'];

/**
 * One page's objects of one type as one message: it never travels on the queue, so it is not held to the queue's
 * 100 keys a message, and the page's reconciles keep `maxConcurrency` requests in flight to its end instead of
 * draining every 100 objects. Otherwise the message the queued way would send (cycleId, target index, approval).
 */
function pageMessage(job: JobDefinition, objectType: string, keys: readonly string[], cycle: CycleProgress): ReconcileMessage {
  const [first] = cycleReconcileMessages(job.id, objectType, keys.slice(0, 1), cycle);
  if (!first) throw new Error('a page message needs at least one key');
  return { ...first, sourceKeys: [...keys] };
}

/** Whether the job was paused (or disabled) since the window began: read once per group of pages. */
async function pausedMeanwhile(deps: Pick<WindowDeps, 'jobStates'>, jobId: string): Promise<boolean> {
  const { state } = await deps.jobStates.get(jobId);
  return state.code === 'Paused' || state.code === 'Disabled';
}

/** Where the cycle goes after a window's page: the next page, or the sweep after the source's last. */
function nextAfter(page: SourcePage): CycleNext {
  if (page.nextCursor !== undefined) return { phase: 'import', cursor: page.nextCursor };
  return { phase: 'sweep', ...(page.watermark !== undefined ? { nextWatermark: page.watermark } : {}) };
}

/** A transition that only ends the window (its pages were all recorded). */
function withoutMarker(state: JobState): JobState {
  if (!state.cycle) return state;
  const { inProcessWindow: _done, ...cycle } = state.cycle;
  return { ...state, cycle };
}

/**
 * The next group's pages, with `remaining` pages left in the window: groups of GROUP_OBJECTS, and toward the
 * window's end half the pages left (..., 4, 2, 1), never less than a page. A group's rows and bookkeeping are
 * written while the next group reconciles; only the window's last group is written with nothing to overlap it,
 * so it should be small: with two equal halves of a window that was about 2.5 s at 2,500 objects (measured),
 * during which the target got no requests. The next group takes about as long to reconcile as the one before takes
 * to write when the target answers in milliseconds (measured: ~1 ms of bookkeeping per object against 1.5-3 ms to
 * reconcile it). The cost: the small groups' rows share fewer partitions, so their transactions carry fewer rows.
 */
export function nextGroupPages(remaining: number, maxGroupPages: number): number {
  return Math.max(1, Math.min(maxGroupPages, Math.ceil(remaining / 2)));
}

/**
 * Pages one window reads: as many as WINDOW_OBJECTS needs at the job's page size, at most WINDOW_PAGES. The
 * marker names exactly these pages, so that a crash sends no more of them the slow way than the window could
 * have touched.
 */
function pagesPerWindow(job: JobDefinition): number {
  return Math.max(1, Math.min(WINDOW_PAGES, Math.ceil(WINDOW_OBJECTS / sourcePageSize(job))));
}

/** Pages one group holds at most (GROUP_OBJECTS at the job's page size). */
function pagesPerGroup(job: JobDefinition): number {
  return Math.max(1, Math.ceil(GROUP_OBJECTS / sourcePageSize(job)));
}

function sourcePageSize(job: JobDefinition): number {
  return job.source.type === 'scim' ? job.source.pageSize : 100;
}

function readPage(source: SourceConnector, cursor: string | undefined): Promise<SourcePage> {
  return source.readPage({ mode: 'full', ...(cursor !== undefined ? { cursor } : {}) });
}

/**
 * Holds a page's objects of the types the job maps; returns the newly held keys by type (an object read again,
 * on an overlapping page, was reconciled already, as were the `done` ones). Objects too large for a row go the queued way, where
 * staging refuses them as it always has.
 */
function holdPage(job: JobDefinition, staging: WindowStaging, page: SourcePage, pageNumber: number, oversized: SourceObject[], done: ReadonlySet<string>): Map<string, string[]> {
  const fresh = new Map<string, string[]>();
  for (const object of page.objects) {
    if (!findObjectMapping(job, object.objectType) || done.has(`${object.objectType}|${object.key}`)) continue;
    if (JSON.stringify(object.data).length > MAX_TABLE_STRING_CHARS) {
      oversized.push(object);
      continue;
    }
    if (!staging.hold(object.objectType, object.key, object.data, { page: pageNumber, ...(object.version !== undefined ? { sourceVersion: object.version } : {}) })) continue;
    const keys = fresh.get(object.objectType) ?? [];
    keys.push(object.key);
    fresh.set(object.objectType, keys);
  }
  return fresh;
}

/** The keys of a page's objects (`type|key`) that are staged already: an earlier window of this cycle had them. */
async function alreadyStaged(deps: Pick<WindowDeps, 'staging'>, job: JobDefinition, page: SourcePage): Promise<Set<string>> {
  // Only the objects the source says may repeat the previous page (a SCIM app's overlap: at most 10).
  const mapped = page.objects.slice(0, page.repeats ?? page.objects.length).filter((object) => findObjectMapping(job, object.objectType));
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
