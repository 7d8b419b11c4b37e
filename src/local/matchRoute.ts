/**
 * Matches a request path against an Azure Functions route template (`api/jobs/{jobId}/bulkUpload`,
 * `scim/v2/Users/{id?}`), case-insensitively as the Functions host does. Returns the route parameters,
 * or undefined when the path does not match.
 */
export function matchRoute(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    const value = have[i];
    const param = /^\{(\w+)(\?)?\}$/.exec(segment);
    if (param?.[1]) {
      if (value === undefined) {
        if (param[2]) continue;
        return undefined;
      }
      try {
        params[param[1]] = decodeURIComponent(value);
      } catch {
        return undefined; // a malformed escape cannot name anything
      }
      continue;
    }
    if (value === undefined || value.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return have.length <= want.length ? params : undefined;
}
