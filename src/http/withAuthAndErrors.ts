import { UnauthorizedError } from '../domain/errors';
import { bearerTokenMatches } from './bearerToken';
import { errorResponse } from './errorResponse';
import type { HttpHandler } from './httpHandler';

/** Every endpoint is authenticated (bearer token, constant-time comparison) and answers errors as SCIM errors. */
export function withAuthAndErrors(expectedToken: string, handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    try {
      if (!bearerTokenMatches(request.headers.get('authorization'), expectedToken)) {
        throw new UnauthorizedError('Missing or invalid bearer token');
      }
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, context);
    }
  };
}
