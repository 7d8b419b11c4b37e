import type { HttpRequest } from '@azure/functions';
import { ValidationError } from '../domain/errors';
import type { JsonValue } from '../domain/identityObject';

/** Reads a JSON body; a body that is not JSON is the caller's error (400 invalidSyntax), never a 500. */
export async function readJsonBody(request: HttpRequest): Promise<JsonValue> {
  const text = await request.text();
  if (text.trim() === '') throw new ValidationError([{ path: 'body', message: 'is empty; a JSON body is required' }], { scimType: 'invalidSyntax' });
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: 'body', message: `is not valid JSON (${reason})` }], { scimType: 'invalidSyntax', cause: error });
  }
}

/** `application/scim+json`, optionally with parameters such as charset. */
export function requireContentType(request: HttpRequest, expected: string): void {
  const actual = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (actual !== expected) {
    throw new ValidationError([{ path: 'Content-Type', message: `must be ${expected}, got ${actual ? `"${actual}"` : 'none'}` }], { scimType: 'invalidSyntax' });
  }
}
