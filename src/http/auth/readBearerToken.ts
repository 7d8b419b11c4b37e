/**
 * The credential of an `Authorization: Bearer <token>` header, or undefined. The scheme name is
 * case-insensitive (RFC 9110 §11.1, RFC 6750 §2.1); this accepts what `bearerTokenMatches` accepts.
 */
export function readBearerToken(authorizationHeader: string | null | undefined): string | undefined {
  if (!authorizationHeader) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorizationHeader.trim());
  return match?.[1] || undefined;
}
