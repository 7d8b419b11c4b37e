import type { JsonObject, JsonValue } from '../../domain/identityObject';

/** The resource types the SCIM service stores (RFC 7643 §4.1 User, §4.2 Group). */
export type ScimResourceType = 'User' | 'Group';

/**
 * A group member as the store keeps it and shows it (RFC 7643 §4.2 `members`): the member's id and, when it
 * was known at write time, whether it is a User or a Group. Rows written before types were kept have none.
 */
export interface ScimMember {
  value: string;
  type?: ScimResourceType;
}

/** A stored resource as served, without `meta.version`/`meta.location` (the caller adds them), and its version. */
export interface ScimResourceRecord {
  id: string;
  resource: JsonObject;
  /** Weak ETag `W/"..."` of the stored state (RFC 7644 §3.14): `meta.version`, and the If-Match token for writes. */
  version: string;
}

export interface ScimResourceWriteOptions {
  /** Write only if the stored version still equals this; otherwise ConflictError('invalidVers'). */
  ifMatch?: string;
  abortSignal?: AbortSignal;
}

export interface ScimResourceReadOptions {
  /**
   * Groups only: read the member rows too (default true). Entra reads groups with `excludedAttributes=members`
   * (RFC 7644 §3.4.2.2, reference §2.7), which then costs one point read.
   */
  includeMembers?: boolean;
  abortSignal?: AbortSignal;
}

/** One top-level `attribute eq value` of an and-ed filter (what `equalityHints(filter)` yields). */
export interface ScimEqualityHint {
  attribute: string;
  value: JsonValue;
}

export interface ScimResourceQuery {
  /** Equalities the full filter implies; one on an indexed attribute turns the query into point reads. */
  hints?: readonly ScimEqualityHint[];
  /** The whole filter; every candidate is checked against it. Omitted: every resource matches. */
  predicate?: (resource: JsonObject) => boolean;
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: number;
  count: number;
  /** Omitted: a stable storage order, so that consecutive pages neither repeat nor skip. */
  sort?: (a: JsonObject, b: JsonObject) => number;
  /** Groups only: attach members to the results (default false: a member list can be tens of thousands long). */
  includeMembers?: boolean;
  abortSignal?: AbortSignal;
}

export interface ScimResourcePage {
  totalResults: number;
  resources: ScimResourceRecord[];
}

/**
 * The SCIM service's Users and Groups. Contract:
 * - User `userName` and Group `displayName` are unique case-insensitively (RFC 7643 §4.1.1 userName is
 *   caseExact false; Entra requires unique group names, reference §2.1): create/replace throw
 *   ConflictError('uniqueness') when another resource holds the value, and never let two resources hold it.
 * - A query with a hint on `id`, `externalId`, and `userName`/`emails.value` (Users) or `displayName`
 *   (Groups) is answered by point reads; others scan page by page. Results are re-checked by the predicate.
 * - replace/delete throw NotFoundError for an unknown id, ConflictError('invalidVers') on an ifMatch mismatch.
 * - Group members are stored apart from the group: addMembers/removeMembers touch only the members named.
 * - Storage failures surface as TransientError/ThrottledError (retry) or PermanentError.
 */
export interface ScimResourceStore {
  /**
   * Needs `userName` (User) or `displayName` (Group). `resource.id` is optional: omitted, the store assigns
   * the id (returned in the record; the Table adapter then writes the create in one transaction); set, it is
   * kept (the original contract, still supported, at more storage requests). ConflictError('uniqueness') when
   * the id exists.
   */
  create(type: ScimResourceType, resource: JsonObject, options?: ScimResourceWriteOptions): Promise<ScimResourceRecord>;
  get(type: ScimResourceType, id: string, options?: ScimResourceReadOptions): Promise<ScimResourceRecord | undefined>;
  /**
   * Replaces the whole resource `resource.id`; for a Group, a `members` attribute replaces the member list
   * (`members[].type` 'User' or 'Group' is kept, as by addMembers). Groups read with members show them as
   * `{value, type}`.
   */
  replace(type: ScimResourceType, resource: JsonObject, options?: ScimResourceWriteOptions): Promise<ScimResourceRecord>;
  delete(type: ScimResourceType, id: string, options?: ScimResourceWriteOptions): Promise<void>;
  query(type: ScimResourceType, query: ScimResourceQuery): Promise<ScimResourcePage>;
  /**
   * Idempotent: ids already members are left as they are. NotFoundError for an unknown group. A member given
   * as `{value, type}` keeps its type (shown in `members[].type`); a bare id is stored without one.
   */
  addMembers(groupId: string, members: readonly (string | ScimMember)[], options?: { abortSignal?: AbortSignal }): Promise<void>;
  /** Idempotent: ids that are not members are ignored. */
  removeMembers(groupId: string, memberIds: readonly string[], options?: { abortSignal?: AbortSignal }): Promise<void>;
  /** Member ids of a group, in a stable order (`get` with members gives them with their types). */
  members(groupId: string, options?: { abortSignal?: AbortSignal }): Promise<string[]>;
  /** Ids of the groups that list `memberId` directly (the read-only User `groups` attribute, RFC 7643 §4.1.2). */
  groupsOf(memberId: string, options?: { abortSignal?: AbortSignal }): Promise<string[]>;
}
