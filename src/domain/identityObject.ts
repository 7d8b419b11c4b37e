/**
 * Identity data as it travels through the engine: plain JSON, as SCIM resources are.
 * A source object is the record exactly as the source sent it (for the inbound API, a BulkRequest
 * operation's `data`); the engine reads attributes from it by SCIM path.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The newest state of one source object, as staged in Table Storage. */
export interface StagedObject {
  jobId: string;
  objectType: string;
  /** The source's unique key (for the inbound API, `externalId`). */
  sourceKey: string;
  data: JsonObject;
  /** When this state was staged (ISO 8601). */
  stagedAt: string;
  /** Opaque concurrency token of the stored row: a reconcile that wrote with stale data notices it. */
  etag: string;
  /** The target object this source object is linked to (the anchor), once created or matched. */
  targetId?: string;
  /** While set and in the future, another reconcile is creating the target object (see StagingStore.claimCreate). */
  creatingUntil?: string;
  /** The source deleted the object (a SCIM DELETE, or an object missing from a full read): the target object is deleted too. */
  deleted?: boolean;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
