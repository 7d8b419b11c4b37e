import type { JsonObject } from '../domain/identityObject';
import type { ScimEqFilter } from './parseEqFilter';

/** A stored User: the resource as served (with `id` and `meta` minus `version`/`location`) and its version. */
export interface ScimUserRecord {
  id: string;
  resource: JsonObject;
  /** Opaque weak ETag (`W/"..."`) of the stored state: `meta.version`, and the If-Match token for writes. */
  version: string;
}

export interface ScimUserWriteOptions {
  /** Write only if the stored version still equals this; otherwise ConflictError('invalidVers'). */
  ifMatch?: string;
  abortSignal?: AbortSignal;
}

export interface ListScimUsersOptions {
  /** Omitted: every user. */
  filter?: ScimEqFilter;
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: number;
  count: number;
  abortSignal?: AbortSignal;
}

export interface ScimUserPage {
  totalResults: number;
  users: ScimUserRecord[];
}

/**
 * The built-in directory's Users. Contract:
 * - `userName` is unique case-insensitively: create/replace throw ConflictError('uniqueness') when another
 *   user holds it, and change nothing.
 * - Filters on `id`, `userName` and `externalId` (alone or `and`-ed with others) are answered without
 *   reading every user; other filters may scan. Results come in a stable order so that paging is consistent.
 * - replace/delete throw NotFoundError for an unknown id, ConflictError('invalidVers') on an ifMatch mismatch.
 * - Storage failures surface as TransientError (retry) or PermanentError.
 */
export interface ScimUserStore {
  /** `resource.id` and `resource.userName` must be set. */
  createUser(resource: JsonObject, options?: ScimUserWriteOptions): Promise<ScimUserRecord>;
  getUser(id: string, options?: { abortSignal?: AbortSignal }): Promise<ScimUserRecord | undefined>;
  listUsers(options: ListScimUsersOptions): Promise<ScimUserPage>;
  /** Replaces the whole stored resource of `resource.id`. */
  replaceUser(resource: JsonObject, options?: ScimUserWriteOptions): Promise<ScimUserRecord>;
  deleteUser(id: string, options?: ScimUserWriteOptions): Promise<void>;
}
