import { parseScimJson } from '../../connectors/scim/parseScimJson';
import { isJsonObject } from '../../domain/identityObject';
import type { ScimSourceClient } from './ScimSourceClient';

/** Answers that concern the whole source, not the discovery endpoint: they are thrown, not read as "unknown". */
const SOURCE_WIDE = new Set([401, 403, 429, 503]);

/**
 * Whether the source says it cannot filter: `filter.supported` false in its ServiceProviderConfig (RFC 7643 §5).
 * Only an explicit false counts. A source without the endpoint, or whose answer cannot be read, is tried with
 * the filter anyway, and a 400 invalidFilter (RFC 7644 §3.4.2.2) then turns the read into a full one
 * (isUnsupportedFilterAnswer).
 */
export async function sourceDeclinesFiltering(client: ScimSourceClient): Promise<boolean> {
  const operation = 'GET /ServiceProviderConfig';
  const answer = await client.get('/ServiceProviderConfig', operation);
  if (SOURCE_WIDE.has(answer.status)) client.check(operation, answer);
  if (answer.status < 200 || answer.status > 299) return false;
  try {
    const config = parseScimJson(answer.bodyText, operation);
    return isJsonObject(config.filter) && config.filter.supported === false;
  } catch {
    return false;
  }
}
