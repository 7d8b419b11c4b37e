import type { ScimHttpMethod } from './scimHttpMethod';

/** One HTTP exchange with a SCIM target, reduced to what the connector classifies. */
export interface ScimHttpRequest {
  method: ScimHttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Covers connecting, sending and reading the whole body. */
  timeoutInMs: number;
}

export interface ScimHttpAnswer {
  status: number;
  retryAfter: string | null;
  bodyText: string;
}

/**
 * Sends a request and resolves with the answer, whatever its status. Rejects only when no answer arrived;
 * a timeout rejects with an error named `TimeoutError`, socket errors keep their `code` (ECONNREFUSED...),
 * which classifyScimTransportError reads.
 */
export type ScimTransport = (request: ScimHttpRequest) => Promise<ScimHttpAnswer>;
