import { parseRetryAfter } from '../connectors/scim/parseRetryAfter';
import { toError } from '../domain/errors';
import { SCIM_CONTENT_TYPE } from '../scim/scimSchemas';
import { concurrencyLimit } from './concurrencyLimit';
import type { ScimBulkRequest } from './toBulkRequests';

export interface UploadProgress {
  requestsDone: number;
  requestsTotal: number;
  recordsDone: number;
  recordsTotal: number;
  retries: number;
}

/** A request the service refused, with what it said (its SCIM error `detail`). */
export interface UploadRejection {
  /** 0-based position of the request in the upload. */
  requestIndex: number;
  /** HTTP status; 0 when the service could not be reached at all. */
  status: number;
  scimType?: string;
  detail: string;
  records: number;
  firstExternalId?: string;
  lastExternalId?: string;
}

export interface UploadSummary {
  /** Operations in all requests (one per CSV row that had an externalId). */
  records: number;
  distinctExternalIds: number;
  requests: number;
  accepted: number;
  rejected: number;
  /** Requests never sent because an earlier answer (401, 403) showed they would fail too. */
  notSent: number;
  retries: number;
  rejections: UploadRejection[];
  /** The first Location header of an accepted request: where the service reports progress. */
  location?: string;
  elapsedMs: number;
  /** Records in accepted requests per second of wall time. */
  recordsPerSecond: number;
}

export interface UploadBulkRequestsOptions {
  /** Base address of idbridge, e.g. `http://localhost:7071`. */
  url: string;
  jobId: string;
  token: string;
  requests: readonly ScimBulkRequest[];
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  onProgress?: (progress: UploadProgress) => void;
  abortSignal?: AbortSignal;
  /** Tries per request for throttling, 5xx and network failures; default 8. */
  maxAttempts?: number;
  /** First backoff when the service gives no Retry-After; doubles per try; default 1000. */
  initialBackoffInMs?: number;
  /** Longest single wait, whatever Retry-After says; default 120000. */
  maxWaitInMs?: number;
}

/**
 * POSTs BulkRequests to `{url}/api/jobs/{jobId}/bulkUpload` and reports what happened.
 *
 * Retries are safe because every operation is an upsert of a worker's newest state (DESIGN principle 1):
 * 429 and 503 wait for Retry-After; other 5xx and network failures back off exponentially. Other 4xx are
 * final: resending the same bad data cannot help. After 401 or 403 nothing more is sent.
 *
 * Requests start in order and run concurrently, except that a request holding a worker who also appears
 * in an earlier request waits until that one has finished: an HR file's later row for a worker is the
 * newer state, and it must not be overtaken by the older one.
 */
export async function uploadBulkRequests(options: UploadBulkRequestsOptions): Promise<UploadSummary> {
  const { requests, onProgress } = options;
  const endpoint = `${options.url.replace(/\/+$/, '')}/api/jobs/${encodeURIComponent(options.jobId)}/bulkUpload`;
  const limit = concurrencyLimit(options.concurrency ?? 4);
  const started = performance.now();
  const recordsTotal = requests.reduce((sum, r) => sum + r.Operations.length, 0);
  const externalIds = requests.map((r) => r.Operations.map((op) => op.data.externalId).filter((id): id is string => typeof id === 'string'));
  const summary: UploadSummary = {
    records: recordsTotal,
    distinctExternalIds: new Set(externalIds.flat()).size,
    requests: requests.length,
    accepted: 0,
    rejected: 0,
    notSent: 0,
    retries: 0,
    rejections: [],
    elapsedMs: 0,
    recordsPerSecond: 0,
  };
  let acceptedRecords = 0;
  let recordsDone = 0;
  let stopped = false;

  const finished: Promise<void>[] = [];
  const lastRequestOf = new Map<string, number>();
  requests.forEach((request, index) => {
    const before = new Set<number>();
    for (const id of externalIds[index] ?? []) {
      const earlier = lastRequestOf.get(id);
      if (earlier !== undefined && earlier !== index) before.add(earlier);
      lastRequestOf.set(id, index);
    }
    const waitFor = [...before].map((i) => finished[i]);
    // Slots are taken in file order, then a request waits for the earlier requests holding the same
    // workers. Those took their slots before this one, so they are running or done: no deadlock.
    finished.push(
      limit(async () => {
        await Promise.all(waitFor);
        if (stopped) {
          summary.notSent++;
          return;
        }
        const outcome = await send(endpoint, request, options, () => summary.retries++);
        if (outcome.accepted) {
          summary.accepted++;
          acceptedRecords += request.Operations.length;
          if (outcome.location && summary.location === undefined) summary.location = outcome.location;
        } else {
          summary.rejected++;
          const ids = externalIds[index] ?? [];
          summary.rejections.push({
            requestIndex: index,
            status: outcome.status,
            ...(outcome.scimType ? { scimType: outcome.scimType } : {}),
            detail: outcome.detail,
            records: request.Operations.length,
            ...(ids.length > 0 ? { firstExternalId: ids[0], lastExternalId: ids[ids.length - 1] } : {}),
          });
          if (outcome.status === 401 || outcome.status === 403) stopped = true;
        }
        recordsDone += request.Operations.length;
        onProgress?.({ requestsDone: summary.accepted + summary.rejected, requestsTotal: requests.length, recordsDone, recordsTotal, retries: summary.retries });
      }),
    );
  });
  await Promise.all(finished);

  summary.rejections.sort((a, b) => a.requestIndex - b.requestIndex);
  summary.elapsedMs = performance.now() - started;
  summary.recordsPerSecond = summary.elapsedMs > 0 ? acceptedRecords / (summary.elapsedMs / 1000) : 0;
  return summary;
}

type SendOutcome = { accepted: true; location?: string } | { accepted: false; status: number; scimType?: string; detail: string };

async function send(endpoint: string, request: ScimBulkRequest, options: UploadBulkRequestsOptions, onRetry: () => void): Promise<SendOutcome> {
  const body = JSON.stringify(request);
  const maxAttempts = options.maxAttempts ?? 8;
  const initialBackoff = options.initialBackoffInMs ?? 1000;
  const maxWait = options.maxWaitInMs ?? 120_000;
  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(maxWait, initialBackoff * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': SCIM_CONTENT_TYPE, Accept: SCIM_CONTENT_TYPE, Authorization: `Bearer ${options.token}` },
        body,
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
      });
    } catch (thrown) {
      if (options.abortSignal?.aborted) throw toError(thrown);
      if (attempt >= maxAttempts) return { accepted: false, status: 0, detail: `could not reach ${endpoint}: ${describeNetworkError(thrown)}` };
      onRetry();
      await sleep(backoff, options.abortSignal);
      continue;
    }
    if (response.ok) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      return location ? { accepted: true, location } : { accepted: true };
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= maxAttempts) return { accepted: false, status: response.status, ...(await readScimError(response)) };
    const throttled = response.status === 429 || response.status === 503;
    const wait = throttled ? parseRetryAfter(response.headers.get('retry-after'), Date.now(), backoff) : backoff;
    await response.body?.cancel();
    onRetry();
    await sleep(Math.min(wait, maxWait), options.abortSignal);
  }
}

/** The SCIM error body's detail and scimType; for a non-SCIM body, its start, so the user sees something. */
async function readScimError(response: Response): Promise<{ detail: string; scimType?: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'detail' in parsed && typeof parsed.detail === 'string') {
      const scimType = 'scimType' in parsed && typeof parsed.scimType === 'string' ? parsed.scimType : undefined;
      return scimType ? { detail: parsed.detail, scimType } : { detail: parsed.detail };
    }
  } catch {
    // Not JSON: fall through and show the text.
  }
  const snippet = text.trim().slice(0, 200);
  return { detail: snippet || response.statusText || `HTTP ${response.status}` };
}

function describeNetworkError(thrown: unknown): string {
  // fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED ...) in `cause`. Read the fields
  // rather than test instanceof Error: under jest the error comes from another realm.
  const message = messageOf(thrown);
  const cause = typeof thrown === 'object' && thrown !== null && 'cause' in thrown ? messageOf(thrown.cause) : undefined;
  return cause ? `${message} (${cause})` : message;
}

function messageOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') {
    const code = 'code' in value && typeof value.code === 'string' && !value.message.includes(value.code) ? ` [${value.code}]` : '';
    return `${value.message}${code}`;
  }
  return toError(value).message;
}

function sleep(ms: number, abortSignal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (abortSignal?.aborted) return reject(toError(abortSignal.reason));
    const timer = setTimeout(() => {
      abortSignal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(toError(abortSignal?.reason));
    };
    abortSignal?.addEventListener('abort', onAbort, { once: true });
  });
}
