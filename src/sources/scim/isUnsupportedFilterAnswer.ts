import { readScimErrorBody } from '../../connectors/scim/readScimErrorBody';
import type { ScimHttpAnswer } from '../../connectors/scim/scimTransport';

/**
 * Whether a source refused a filtered list because it cannot evaluate the filter: RFC 7644 §3.4.2.2 says 400
 * with scimType invalidFilter ("the specified attribute and filter comparison combination is not supported"),
 * some servers leave the scimType out, and §3.12 gives 501 for an operation the server does not support. The request
 * differs from an unfiltered one only by the filter, and the full read that follows would surface any other
 * problem with its own error.
 */
export function isUnsupportedFilterAnswer(answer: ScimHttpAnswer): boolean {
  if (answer.status === 501) return true;
  if (answer.status !== 400) return false;
  const { scimType } = readScimErrorBody(answer.bodyText);
  return scimType === undefined || scimType === 'invalidFilter';
}
