/**
 * The absolute URL of a user, built from the request's own URL so that it is right behind any host name,
 * route prefix or `?aadOptscim062020` flag: everything up to the `/Users` segment, then `/Users/<id>`.
 */
export function scimUserLocation(requestUrl: string, id: string): string {
  const url = new URL(requestUrl);
  const match = /^(.*?\/Users)(?:\/|$)/i.exec(url.pathname);
  const base = match?.[1] ?? url.pathname.replace(/\/+$/, '');
  return `${url.origin}${base}/${encodeURIComponent(id)}`;
}
