import type { TableClient } from '@azure/data-tables';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient, type HttpMethods, type PipelineResponse } from '@azure/core-rest-pipeline';
import { allowsInsecureConnection } from './tableClientFromConnectionString';

/**
 * The Table service version idbridge's own requests ask for; entity group transactions in JSON exist since
 * 2013-08-15, and the SDK (13.x) sends this one.
 */
const TABLE_SERVICE_VERSION = '2019-02-02';

let httpClient: HttpClient | undefined;

export interface TableRequest {
  method: HttpMethods;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  abortSignal?: AbortSignal;
}

/**
 * Sends a request built by idbridge through the client's own pipeline, so that authentication (shared key, SAS
 * or bearer token), retries and logging stay the SDK's. Over http only when the client was built for an http
 * endpoint on purpose (tableClientFromConnectionString).
 */
export function sendTableRequest(client: TableClient, request: TableRequest): Promise<PipelineResponse> {
  const pipelineRequest = createPipelineRequest({
    url: request.url,
    method: request.method,
    headers: createHttpHeaders({ ...request.headers, 'x-ms-version': TABLE_SERVICE_VERSION }),
    allowInsecureConnection: allowsInsecureConnection(client),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
  });
  httpClient ??= createDefaultHttpClient();
  return client.pipeline.sendRequest(httpClient, pipelineRequest);
}

/** The account's URL without a trailing slash: the base of `$batch` and of table URLs. */
export function accountUrlOf(client: TableClient): string {
  return client.url.replace(/\/+$/, '');
}

/** `<account url>/<table name>`, the base of entity URLs. */
export function tableUrlOf(client: TableClient): string {
  return `${accountUrlOf(client)}/${client.tableName}`;
}
