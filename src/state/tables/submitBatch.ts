import { randomUUID } from 'node:crypto';
import type { TableClient, TableTransactionEntityResponse, TableTransactionResponse, TransactionAction } from '@azure/data-tables';
import { RestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { entityOperation } from './entityOperation';
import { accountUrlOf, sendTableRequest, tableUrlOf } from './tablePipeline';
import { tableRestError } from './tableRestError';

const CRLF = '\r\n';

export interface SubmitBatchOptions {
  abortSignal?: AbortSignal;
}

/**
 * `client.submitTransaction(actions)`, same contract (one partition, at most 100 actions, all or nothing; the
 * same response, and a failed action thrown as a RestError with its status and the service's error code), with
 * the `$batch` body built here (format: "Performing entity group transactions", Table service REST reference)
 * and sent through the client's own pipeline (sendTableRequest).
 *
 * Why: the SDK builds a whole second TableClient per transaction and runs each action through its serialization
 * pipeline to capture the sub-request. Measured on the 2-core VM: ~0.9 ms of CPU per three-row transaction,
 * against ~0.4 ms this way; transactions are on the hot path of SCIM creates and of cycle bookkeeping.
 */
export async function submitBatch(client: TableClient, actions: readonly TransactionAction[], options: SubmitBatchOptions = {}): Promise<TableTransactionResponse> {
  if (actions.length === 0) throw new Error('a transaction needs at least one action');
  const batch = `batch_${randomUUID()}`;
  const changeset = `changeset_${randomUUID()}`;
  const tableUrl = tableUrlOf(client);
  const parts: string[] = [`--${batch}${CRLF}Content-Type: multipart/mixed; boundary=${changeset}${CRLF}`];
  for (const action of actions) parts.push(`--${changeset}${CRLF}${subRequest(tableUrl, action)}`);
  const response = await sendTableRequest(client, {
    method: 'POST',
    url: `${accountUrlOf(client)}/$batch`,
    headers: { Accept: 'application/json', 'Content-Type': `multipart/mixed; boundary=${batch}`, DataServiceVersion: '3.0;', MaxDataServiceVersion: '3.0;NetFx' },
    body: `${parts.join(CRLF)}${CRLF}--${changeset}--${CRLF}--${batch}--${CRLF}`,
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  });
  return parseBatchResponse(response);
}

/** One action as an HTTP request inside the changeset. */
function subRequest(tableUrl: string, action: TransactionAction): string {
  const operation = entityOperation(tableUrl, action);
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', `${operation.method} ${operation.url} HTTP/1.1`];
  for (const [name, value] of Object.entries(operation.headers)) lines.push(`${name}: ${value}`);
  lines.push('', operation.body ?? '');
  return lines.join(CRLF);
}

/**
 * The multipart response: every sub-response of a committed changeset is 2xx, with the row's new ETag; a
 * failed one is the only sub-response, with the service's error (`{"odata.error": {code, message}}`). A batch
 * refused as a whole (authentication, a malformed body, throttling) is a non-2xx response of its own.
 */
function parseBatchResponse(response: PipelineResponse): TableTransactionResponse {
  const text = response.bodyAsText ?? '';
  if (response.status < 200 || response.status >= 300) throw tableRestError(text, response.status, response, 'the transaction');
  const boundary = /boundary=(changesetresponse_[^\s;]+)/.exec(text)?.[1];
  const chunks = boundary ? text.split(`--${boundary}`).slice(1, -1) : [];
  const subResponses: TableTransactionEntityResponse[] = [];
  for (const chunk of chunks) {
    const status = Number(/HTTP\/1\.1 (\d{3})/.exec(chunk)?.[1]);
    if (!Number.isInteger(status)) throw new RestError('the Table service answered a transaction with a sub-response without a status', { statusCode: response.status, response });
    if (status >= 300) throw tableRestError(chunk.includes('{') ? chunk.slice(chunk.indexOf('{')) : '', status, response, 'the transaction');
    const etag = /^ETag: *(.+?)\r?$/im.exec(chunk)?.[1];
    const rowKey = /RowKey='([^']*)'/.exec(chunk)?.[1];
    subResponses.push({ status, ...(etag ? { etag } : {}), ...(rowKey ? { rowKey: decodeKey(rowKey) } : {}) });
  }
  return { status: response.status, subResponses, getResponseForEntity: (rowKey) => subResponses.find((r) => r.rowKey === rowKey) };
}

function decodeKey(literal: string): string {
  try {
    return decodeURIComponent(literal);
  } catch {
    return literal;
  }
}
