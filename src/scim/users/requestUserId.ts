import type { HttpRequest } from '@azure/functions';
import { NotFoundError } from '../../domain/errors';

export function requestUserId(request: HttpRequest): string {
  const id = request.params.id;
  if (!id) throw new NotFoundError('no user id in the request path');
  return id;
}
