import { toError, type ValidationIssue } from '../domain/errors';

/** Where the idbridge HTTP API is (the local host, or the Function App in Azure) and the bearer token for it (the admin token for the management API). */
export interface ApiConnection {
  /** Base address, e.g. http://localhost:7071 or https://<app>.azurewebsites.net. */
  url: string;
  token: string;
}

/** The API answered with an error: its status and what its SCIM error body said. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly issues: readonly ValidationIssue[],
    /** Seconds, from Retry-After (429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}: ${detail}`);
  }
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path under the base address, e.g. /api/jobs/hr-demo/start. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/**
 * One call to the idbridge API: the JSON body of a 2xx answer (undefined for 204), or ApiRequestError with the
 * error's detail and issues. A service that cannot be reached is an Error that names the address.
 */
export async function callIdbridgeApi(connection: ApiConnection, request: ApiRequest): Promise<unknown> {
  const url = new URL(`${connection.url.replace(/\/+$/, '')}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: { Authorization: `Bearer ${connection.token}`, Accept: 'application/json', ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (thrown) {
    const cause = toError(thrown).cause;
    const reason = cause instanceof Error ? cause.message : toError(thrown).message;
    throw new Error(`could not reach ${url.origin} (${reason}); is the local host running (idbridge start), or is --url right?`);
  }
  const text = await response.text();
  if (response.ok) return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  throw errorOf(response, text);
}

function errorOf(response: Response, text: string): ApiRequestError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let detail = text.trim().slice(0, 300) || response.statusText || 'no detail';
  let issues: ValidationIssue[] = [];
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      if ('detail' in body && typeof body.detail === 'string') detail = body.detail;
      if ('issues' in body && Array.isArray(body.issues)) issues = body.issues.filter(isIssue);
    }
  } catch {
    // Not JSON (a proxy's error page): the text's start is shown.
  }
  return new ApiRequestError(response.status, detail, issues, seconds);
}

function isIssue(value: unknown): value is ValidationIssue {
  return typeof value === 'object' && value !== null && 'path' in value && typeof value.path === 'string' && 'message' in value && typeof value.message === 'string';
}
