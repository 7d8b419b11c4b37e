import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ScimServiceDeps } from '../scimServiceDeps';

/** One SCIM endpoint operation over HTTP: authentication and error mapping are added by scimEndpoint. */
export type ScimHttpHandler = (deps: ScimServiceDeps, request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
