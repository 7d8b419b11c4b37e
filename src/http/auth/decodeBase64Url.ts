const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Strict base64url (RFC 7515 §2 and Appendix C: the URL-safe alphabet of RFC 4648 §5, no padding, no
 * whitespace). Node's own decoder skips characters it does not know, so the alphabet is checked first;
 * a length of 4n+1 cannot come from any byte string. Undefined when the text is not base64url.
 */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}
