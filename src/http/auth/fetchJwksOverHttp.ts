import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

export interface FetchJwksOverHttpOptions {
  /** The whole exchange, connection to last byte; default 5 seconds. */
  timeoutInMs?: number;
  /** Default 1 MiB; Entra's key sets are a few kilobytes. */
  maxBytes?: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * GETs a JWK Set document (RFC 7517 §5) and parses it as JSON. HTTPS only, because the keys are the trust
 * anchor for every JWT this service accepts; plain HTTP is allowed to loopback hosts for tests and the
 * local host. Redirects are not followed. Rejects on any status but 200, on timeout, oversize or bad JSON.
 */
export function fetchJwksOverHttp(uri: string, options: FetchJwksOverHttpOptions = {}): Promise<unknown> {
  const timeoutInMs = options.timeoutInMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 1_048_576;
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      reject(new Error('the JWKS URI is not a URL'));
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
      reject(new Error('the JWKS URI must use https'));
      return;
    }
    const get = secure ? httpsGet : httpGet;
    const request = get(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutInMs) }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`the JWKS endpoint answered ${response.statusCode ?? 'without a status'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let complete = false;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) {
          chunks.push(chunk);
          return;
        }
        reject(new Error('the JWKS document is too large'));
        request.destroy();
      });
      response.on('end', () => {
        complete = true;
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error('the JWKS document is not JSON'));
        }
      });
      response.on('error', reject);
      response.on('close', () => {
        if (!complete) reject(new Error('the JWKS response ended early'));
      });
    });
    request.on('error', reject);
  });
}
