import type { HttpRequest } from '@azure/functions';
import { ValidationError } from '../domain/errors';
import type { JsonValue } from '../domain/identityObject';

/** The request body as JSON; anything unreadable is the client's fault (400 invalidSyntax), never a 500. */
export async function readJsonBody(request: HttpRequest): Promise<JsonValue> {
  const text = await request.text();
  if (text.trim() === '') throw new ValidationError([{ path: '', message: 'the request body is empty' }], { scimType: 'invalidSyntax' });
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: '', message: `the request body is not valid JSON (${reason})` }], { scimType: 'invalidSyntax', cause: error });
  }
}
