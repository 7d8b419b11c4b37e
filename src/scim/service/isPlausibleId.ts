/**
 * Whether `id` could be one the service assigned. Ids come from the URL or from member values; anything
 * longer or with characters that Table keys cannot hold cannot name a stored resource, so it is answered as
 * "not found" without a storage round trip (and without a storage 400 becoming a 500).
 */
export function isPlausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 256 && !/[/\\#?%\u0000-\u001f\u007f-\u009f]/.test(id);
}
