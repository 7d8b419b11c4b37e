import type { HttpRequest } from '@azure/functions';

/** The If-Match version a client sent, if any; `*` asks for no check (RFC 9110 §13.1.1). */
export function requestIfMatch(request: HttpRequest): string | undefined {
  const value = request.headers.get('if-match')?.trim();
  return value && value !== '*' ? value : undefined;
}
