import type { JsonObject } from '../domain/identityObject';

/** The `data` of one bulk operation: a SCIM User as the inbound API accepts it. */
export interface ScimUserData extends JsonObject {
  schemas: string[];
}
