/**
 * The SCIM base URL (RFC 7644 §1.3) of a request, from the request's own URL so that `meta.location` is
 * right behind any host name or route prefix: everything before the first known endpoint segment.
 */
export function scimBaseUrl(requestUrl: string): string {
  const url = new URL(requestUrl);
  const match = /^(.*?)\/(?:ServiceProviderConfig|Schemas|ResourceTypes|Users|Groups|Bulk|Me)(?:\/|$)/i.exec(url.pathname);
  const base = match?.[1] ?? url.pathname.replace(/\/+$/, '');
  return `${url.origin}${base}`;
}
