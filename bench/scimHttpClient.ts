import { Agent, request } from 'node:http';

export interface ScimHttpClient {
  /** Sends one request and resolves with the status and parsed body; rejects on a status other than `expect`. */
  send(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, expect: number): Promise<unknown>;
  close(): void;
}

/** One keep-alive client, the same for every server measured, so that only the servers differ. */
export function scimHttpClient(baseUrl: string, token: string, concurrency: number): ScimHttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const base = new URL(baseUrl);
  return {
    send(method, path, body, expect) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: base.hostname,
            port: base.port,
            method,
            path: `${base.pathname.replace(/\/$/, '')}${path}`,
            headers: {
              Authorization: `Bearer ${token}`,
              Accept: 'application/scim+json',
              ...(payload === undefined ? {} : { 'Content-Type': 'application/scim+json', 'Content-Length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== expect) reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
              else resolve(text ? (JSON.parse(text) as unknown) : undefined);
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
