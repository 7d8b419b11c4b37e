import { isJsonObject } from '../../domain/identityObject';

export interface ScimErrorBody {
  detail?: string;
  scimType?: string;
}

/** How much of a non-SCIM error body (an HTML error page, say) goes into a message. */
const MAX_RAW_DETAIL = 300;

/**
 * What a target said about a failure: the RFC 7644 §3.12 `detail` and `scimType` when the body is a SCIM
 * Error, else the start of the raw body, so that an operator reading the provisioning log sees the
 * target's own words.
 */
export function readScimErrorBody(bodyText: string): ScimErrorBody {
  const text = bodyText.trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { detail: truncate(text) };
  }
  if (!isJsonObject(parsed)) return { detail: truncate(text) };
  const detail = typeof parsed.detail === 'string' ? parsed.detail : undefined;
  const scimType = typeof parsed.scimType === 'string' ? parsed.scimType : undefined;
  if (detail === undefined && scimType === undefined) return { detail: truncate(text) };
  return { ...(detail !== undefined ? { detail } : {}), ...(scimType !== undefined ? { scimType } : {}) };
}

function truncate(text: string): string {
  return text.length > MAX_RAW_DETAIL ? `${text.slice(0, MAX_RAW_DETAIL)}…` : text;
}
