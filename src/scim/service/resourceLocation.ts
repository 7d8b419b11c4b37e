import type { ScimResourceType } from '../store/scimResourceStore';

/** The endpoint of a resource type (RFC 7643 §6 `endpoint`). */
export function resourceEndpoint(type: ScimResourceType): 'Users' | 'Groups' {
  return type === 'User' ? 'Users' : 'Groups';
}

/** `meta.location` and the `Location` header (RFC 7644 §3.3, RFC 7643 §3.1): `<base>/Users/<id>`. */
export function resourceLocation(baseUrl: string, type: ScimResourceType, id: string): string {
  return `${baseUrl}/${resourceEndpoint(type)}/${encodeURIComponent(id)}`;
}
