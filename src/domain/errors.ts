/**
 * Every failure in idbridge is one of these classes. The class says what the caller does next
 * (DESIGN principle 4); HTTP and SCIM status codes are chosen from the class at the edge only
 * (src/http/errorStatus.ts), never by parsing messages.
 */

export type ErrorDisposition =
  | 'retryNow' // transient: try again soon (5xx, connection reset)
  | 'retryAfter' // throttled: try again after retryAfterMs (429/503 with Retry-After)
  | 'escrow' // try again on the escrow schedule (the object, not the whole job, is at fault for now)
  | 'never' // bad data or configuration: retrying cannot help
  | 'outcomeUnknown'; // the target may have applied it: re-match before any retry, never create blindly

export interface IdbridgeErrorOptions {
  cause?: unknown;
  /** A stable machine-readable code, e.g. `DuplicateTargetEntries` or `SystemForCrossDomainIdentityManagementBadResponse`. */
  code?: string;
}

export abstract class IdbridgeError extends Error {
  abstract readonly disposition: ErrorDisposition;
  readonly code: string;

  constructor(message: string, options: IdbridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? new.target.name;
  }
}

export class TransientError extends IdbridgeError {
  readonly disposition = 'retryNow' as const;
}

export class ThrottledError extends IdbridgeError {
  readonly disposition = 'retryAfter' as const;
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options: IdbridgeErrorOptions = {},
  ) {
    super(message, options);
  }
}

export class EscrowError extends IdbridgeError {
  readonly disposition = 'escrow' as const;
}

/** Bad data or configuration in something the engine produced or read: final. */
export class PermanentError extends IdbridgeError {
  readonly disposition = 'never' as const;
}

export class OutcomeUnknownError extends IdbridgeError {
  readonly disposition = 'outcomeUnknown' as const;
}

/** One problem in a caller's input, located by a path such as `Operations[3].data.externalId`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The caller sent something invalid; nothing was changed. Mapped to 400 with every issue listed. */
export class ValidationError extends IdbridgeError {
  readonly disposition = 'never' as const;
  constructor(
    readonly issues: readonly ValidationIssue[],
    options: IdbridgeErrorOptions & { scimType?: string } = {},
  ) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), options);
    this.scimType = options.scimType ?? 'invalidValue';
  }
  readonly scimType: string;
}

export class NotFoundError extends IdbridgeError {
  readonly disposition = 'never' as const;
}

/** A write conflicts with existing state (uniqueness, ETag mismatch). */
export class ConflictError extends IdbridgeError {
  readonly disposition = 'never' as const;
  constructor(
    message: string,
    readonly scimType: 'uniqueness' | 'mutability' | 'invalidVers' = 'uniqueness',
    options: IdbridgeErrorOptions = {},
  ) {
    super(message, options);
  }
}

export class UnauthorizedError extends IdbridgeError {
  readonly disposition = 'never' as const;
}

/** Turns anything thrown into an Error, keeping the original as `cause`. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : safeStringify(thrown), { cause: thrown });
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The caller sent more than a limit allows (operations per request, bytes). Mapped to 413. */
export class TooLargeError extends IdbridgeError {
  readonly disposition = 'never' as const;
}
