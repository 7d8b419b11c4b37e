import { classifyScimResponse } from '../../connectors/scim/classifyScimResponse';
import { classifyScimTransportError } from '../../connectors/scim/classifyScimTransportError';
import type { ScimHttpAnswer, ScimTransport } from '../../connectors/scim/scimTransport';
import { SCIM_CONTENT_TYPE } from '../../scim/scimSchemas';

export interface ScimSourceClientOptions {
  baseUrl: string;
  /** The bearer token. Never logged, never put into an error. */
  token: string;
  timeoutInMs: number;
  transport: ScimTransport;
}

/**
 * GETs from a SCIM source (a source is only read), with the SCIM client's transport and classifiers, so that
 * failures carry the codes quarantine acts on (SCIM_ERROR_CODES.unauthorized for 401/403, .unreachable when
 * nothing could be sent; src/sources/sourceConnector.ts).
 */
export class ScimSourceClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #timeoutInMs: number;
  readonly #transport: ScimTransport;

  constructor(options: ScimSourceClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutInMs = options.timeoutInMs;
    this.#transport = options.transport;
  }

  /** The answer whatever its status; throws (classified) only when no answer arrived. `operation` names it in messages. */
  async get(pathAndQuery: string, operation: string): Promise<ScimHttpAnswer> {
    try {
      const answer = await this.#transport({
        method: 'GET',
        url: `${this.#baseUrl}${pathAndQuery}`,
        headers: { Authorization: `Bearer ${this.#token}`, Accept: SCIM_CONTENT_TYPE },
        timeoutInMs: this.#timeoutInMs,
      });
      return { ...answer, bodyText: this.#redact(answer.bodyText) };
    } catch (thrown) {
      throw classifyScimTransportError('GET', operation, thrown);
    }
  }

  /** Throws the classified error unless the answer is 2xx (429/503 become ThrottledError with the Retry-After wait). */
  check(operation: string, answer: ScimHttpAnswer): void {
    const error = classifyScimResponse({ method: 'GET', operation, ...answer }, Date.now());
    if (error) throw error;
  }

  /** Some servers echo the request, headers included, in error bodies; the token must not reach a log. */
  #redact(text: string): string {
    return this.#token.length >= 8 && text.includes(this.#token) ? text.split(this.#token).join('[redacted]') : text;
  }
}
