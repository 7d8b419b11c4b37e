import type { JsonObject, JsonValue } from '../domain/identityObject';

/** An object as the target holds it. */
export interface TargetObject {
  id: string;
  data: JsonObject;
}

/** One attribute to set (or, with `value: null`, to clear) on a target object, by SCIM path. */
export interface AttributeChange {
  path: string;
  value: JsonValue;
}

/*
 * Connectors implement capabilities (DESIGN principle 3). Every method throws only IdbridgeError subclasses
 * (src/domain/errors.ts), classified by what the caller should do: a create that timed out throws
 * OutcomeUnknownError, a 429 throws ThrottledError with Retry-After, a data error throws PermanentError
 * carrying the target's message.
 */
export interface FindsById {
  /** undefined when the target has no such object (404). */
  getById(objectType: string, id: string): Promise<TargetObject | undefined>;
}

export interface FindsByAttribute {
  /** Every target object whose attribute (a SCIM path) equals the value. */
  findByAttribute(objectType: string, attributePath: string, value: string): Promise<TargetObject[]>;
}

export interface CreatesObjects {
  create(objectType: string, data: JsonObject): Promise<TargetObject>;
}

export interface UpdatesObjects {
  /** Applies only the given changes (a delta), never a full replace. */
  update(objectType: string, id: string, changes: readonly AttributeChange[]): Promise<void>;
}

export interface DeletesObjects {
  /** Deletes the object; one that is already gone counts as deleted. */
  delete(objectType: string, id: string): Promise<void>;
}

/**
 * Group membership, for targets that have groups. Members are target object ids. Each call is one request to
 * the target: the engine batches (src/engine/planMemberChanges.ts). Adding a member already present and
 * removing one already absent are not errors, so a retried batch is harmless.
 */
export interface ManagesMembers {
  /** The target ids of the group's members; undefined when the group does not exist (404). */
  getMemberIds(objectType: string, id: string): Promise<string[] | undefined>;
  addMembers(objectType: string, id: string, memberIds: readonly string[]): Promise<void>;
  removeMembers(objectType: string, id: string, memberIds: readonly string[]): Promise<void>;
}

export function managesMembers(connector: TargetConnector): connector is TargetConnector & ManagesMembers {
  return 'getMemberIds' in connector && 'addMembers' in connector && 'removeMembers' in connector;
}

/** One page of a listing: `nextCursor` is absent on the last page. */
export interface TargetObjectPage {
  objects: TargetObject[];
  nextCursor?: string;
}

/**
 * Reads every object of a type, page by page, for an initial cycle's target index (src/engine/targetIndex):
 * one request per page instead of a filtered GET per source object. `cursor` is opaque to the caller (undefined
 * for the first page); `count` is how many objects to ask for, and a target may return fewer. Groups come
 * without their members (they can be huge and are never matched on).
 */
export interface ListsObjects {
  listPage(objectType: string, cursor: string | undefined, count: number): Promise<TargetObjectPage>;
}

export function listsObjects(connector: TargetConnector): connector is TargetConnector & ListsObjects {
  return 'listPage' in connector && typeof connector.listPage === 'function';
}

export interface TargetConnector extends FindsById, FindsByAttribute, CreatesObjects, UpdatesObjects, DeletesObjects {
  readonly displayName: string;
}
