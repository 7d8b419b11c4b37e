import { IdbridgeError } from '../../../domain/errors';

/** A `bulkId:<id>` reference that no earlier operation of the request defined (RFC 7644 §3.7.2): 409 on that operation. */
export class UnresolvedBulkIdError extends IdbridgeError {
  readonly disposition = 'never' as const;
  constructor(readonly bulkIds: readonly string[]) {
    super(`bulkId ${bulkIds.map((b) => `"${b}"`).join(', ')} does not name a resource created by an earlier operation of this request`);
  }
}
