import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

/** The shape of every HTTP handler, in Azure Functions and on the local host alike. */
export type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
