import { PermanentError } from '../../domain/errors';
import type { TargetObjectPage } from '../targetConnector';
import type { ScimListPage } from './readScimListResponse';
import type { ScimEndpoint } from './scimEndpointFor';

export interface ScimListPageRequest {
  pathAndQuery: string;
  /** For messages, e.g. `GET /Users?startIndex=101&count=100`. */
  operation: string;
  startIndex: number;
}

/**
 * One page of an unfiltered listing with index-based paging (RFC 7644 §3.4.2.4): the cursor is the 1-based
 * startIndex of the page, so a page that failed can be asked for again. Groups are listed without members,
 * as Entra reads them (excludedAttributes=members): member lists can be huge and are not matched on.
 */
export function scimListPageRequest(endpoint: ScimEndpoint, cursor: string | undefined, count: number): ScimListPageRequest {
  if (!Number.isInteger(count) || count < 1) throw new PermanentError(`A SCIM page size must be a positive whole number, not ${count}`, { code: 'InvalidPageSize' });
  const startIndex = cursor === undefined ? 1 : Number(cursor);
  if (!/^[1-9]\d*$/.test(cursor ?? '1') || !Number.isSafeInteger(startIndex)) {
    throw new PermanentError(`'${cursor ?? ''}' is not a SCIM listing cursor (a startIndex from 1)`, { code: 'InvalidListCursor' });
  }
  const query = `startIndex=${startIndex}&count=${count}${endpoint === '/Groups' ? '&excludedAttributes=members' : ''}`;
  return { pathAndQuery: `${endpoint}?${query}`, operation: `GET ${endpoint}?startIndex=${startIndex}&count=${count}`, startIndex };
}

/**
 * The next cursor counts from the startIndex that was asked for, not the one the target echoes (some echo 0).
 * The listing ends on an empty page or once totalResults are covered; a target that ignores `count` and sends
 * everything therefore ends after one page, and one that ignores startIndex ends after totalResults objects.
 */
export function scimListPageResult(list: ScimListPage, startIndex: number): TargetObjectPage {
  const covered = startIndex - 1 + list.resources.length;
  const last = list.resources.length === 0 || covered >= list.totalResults;
  return last ? { objects: list.resources } : { objects: list.resources, nextCursor: String(startIndex + list.resources.length) };
}
