import { isJsonObject } from '../../domain/identityObject';
import type { TargetObject } from '../targetConnector';
import { parseScimJson } from './parseScimJson';
import { scimBadResponse } from './scimBadResponse';
import { toTargetObject } from './toTargetObject';

export interface ScimListPage {
  resources: TargetObject[];
  totalResults: number;
  /** 1-based index of the first resource on this page (RFC 7644 §3.4.2.4); 1 when the target omits it. */
  startIndex: number;
}

/** One page of a ListResponse (RFC 7644 §3.4.2). An empty result may omit `Resources`. */
export function readScimListResponse(bodyText: string, operation: string): ScimListPage {
  const body = parseScimJson(bodyText, operation);
  const rawResources = body.Resources ?? [];
  if (!Array.isArray(rawResources)) throw scimBadResponse(`Resources in the answer to ${operation} is not an array`);
  const resources = rawResources.map((item) => {
    if (!isJsonObject(item)) throw scimBadResponse(`a Resources entry in the answer to ${operation} is not an object`);
    return toTargetObject(item, operation);
  });
  return {
    resources,
    totalResults: nonNegativeInteger(body.totalResults) ?? resources.length,
    startIndex: nonNegativeInteger(body.startIndex) || 1,
  };
}

/** Some targets send numbers as strings ("totalResults": "3"); accept both. */
function nonNegativeInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
