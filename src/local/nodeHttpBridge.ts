import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { HttpHandler } from '../http/httpHandler';

/** The largest body the local host reads (Flex Consumption allows 210 MB; HR uploads are far smaller). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads a Node request into the @azure/functions HttpRequest that handlers take in Azure. */
export async function toFunctionsRequest(req: IncomingMessage, url: URL, params: Record<string, string>): Promise<HttpRequest | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'tooLarge';
    chunks.push(buffer);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  return new HttpRequest({
    method,
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams.entries()),
    params,
    ...(method === 'GET' || method === 'HEAD' || size === 0 ? {} : { body: { bytes: new Uint8Array(Buffer.concat(chunks)) } }),
  });
}

/** Writes a handler's HttpResponseInit to the Node response the way the Functions host would. */
export async function writeFunctionsResponse(res: ServerResponse, init: HttpResponseInit): Promise<void> {
  const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
  let body: string | Uint8Array | undefined;
  if (init.jsonBody !== undefined) {
    body = JSON.stringify(init.jsonBody);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (typeof init.body === 'string') {
    body = init.body;
  } else if (init.body instanceof Uint8Array) {
    body = init.body;
  } else if (init.body !== undefined && init.body !== null) {
    body = new Uint8Array(await new Response(init.body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
  }
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(init.status ?? 200, out);
  res.end(body);
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
