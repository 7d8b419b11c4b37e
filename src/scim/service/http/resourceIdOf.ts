import type { HttpRequest } from '@azure/functions';
import { NotFoundError } from '../../../domain/errors';

/** The `{id}` of `/Users/{id}`, `/Groups/{id}`. */
export function resourceIdOf(request: HttpRequest): string {
  const id = request.params.id;
  if (!id) throw new NotFoundError('no resource id in the request path');
  return id;
}
