import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvocationContext, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import type { HttpHandler } from '../http/httpHandler';
import { LocalHttpRequest } from './localHttpRequest';

/** The largest body the local host reads (Flex Consumption allows 210 MB; HR uploads are far smaller). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads a Node request into the HttpRequest that handlers take in Azure (see LocalHttpRequest). */
export async function toFunctionsRequest(req: IncomingMessage, url: URL, params: Record<string, string>): Promise<HttpRequest | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'tooLarge';
    chunks.push(buffer);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'GET' || method === 'HEAD' || size === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  return new LocalHttpRequest({ method, url, headers: req.headers, params, body });
}

/** Writes a handler's HttpResponseInit to the Node response the way the Functions host would. */
export async function writeFunctionsResponse(res: ServerResponse, init: HttpResponseInit): Promise<void> {
  const headers = headerRecord(init.headers);
  let body: string | Uint8Array | undefined;
  if (init.jsonBody !== undefined) {
    body = JSON.stringify(init.jsonBody);
    headers['content-type'] ??= 'application/json';
  } else if (typeof init.body === 'string') {
    body = init.body;
  } else if (init.body instanceof Uint8Array) {
    body = init.body;
  } else if (init.body !== undefined && init.body !== null) {
    body = new Uint8Array(await new Response(init.body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
  }
  res.writeHead(init.status ?? 200, headers);
  res.end(body);
}

/**
 * Response headers as one lowercased record. Handlers return plain records; those are copied without building
 * a fetch Headers object (a few microseconds per response on the hot SCIM path). Headers and arrays of pairs
 * go through Headers, which joins repeated names as the Functions host does.
 */
function headerRecord(init: HttpResponseInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined || init === null) return out;
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(init as Record<string, string | readonly string[]>)) {
    const key = name.toLowerCase();
    const text = typeof value === 'string' ? value : value.join(', ');
    out[key] = out[key] === undefined ? text : `${out[key]}, ${text}`;
  }
  return out;
}

export async function invokeHttpHandler(handler: HttpHandler, request: HttpRequest, functionName: string, log: (line: string) => void): Promise<HttpResponseInit> {
  const context = new InvocationContext({
    functionName,
    logHandler: (level, ...args) => {
      if (level === 'error' || level === 'warning') log(`[${functionName}] ${level}: ${args.map(String).join(' ')}`);
    },
  });
  return handler(request, context);
}
