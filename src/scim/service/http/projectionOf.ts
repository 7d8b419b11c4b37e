import type { HttpRequest } from '@azure/functions';

export interface Projection {
  attributes: string[];
  excludedAttributes: string[];
}

/** `attributes` / `excludedAttributes` of any request (RFC 7644 §3.4.2.5, §3.9: they apply to writes' responses too). */
export function projectionOf(request: HttpRequest): Projection {
  const list = (name: string) => (request.query.get(name) ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  return { attributes: list('attributes'), excludedAttributes: list('excludedAttributes') };
}
