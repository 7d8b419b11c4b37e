import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  answeredAt?: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Hold the answer this long, so that tests can observe overlap. */
  delayInMs?: number;
}

export interface BulkUploadTestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for idbridge's bulkUpload endpoint: records every request and answers with `answer`,
 * called with the 0-based number of the request.
 */
export async function startBulkUploadTestServer(answer: (index: number, request: RecordedRequest) => ScriptedAnswer): Promise<BulkUploadTestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
      };
      const index = requests.push(recorded) - 1;
      const scripted = answer(index, recorded);
      setTimeout(() => {
        recorded.answeredAt = performance.now();
        res.writeHead(scripted.status, { 'Content-Type': 'application/scim+json', ...scripted.headers });
        res.end(scripted.body === undefined ? '' : JSON.stringify(scripted.body));
      }, scripted.delayInMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const accepted: ScriptedAnswer = { status: 202, headers: { Location: '/api/jobs/job1/logs' } };

export function scimError(status: number, detail: string, scimType?: string): ScriptedAnswer {
  return { status, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), detail } };
}
