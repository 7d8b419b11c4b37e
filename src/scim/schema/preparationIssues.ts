import { ValidationError, type ValidationIssue } from '../../domain/errors';

export type PreparationScimType = 'invalidSyntax' | 'mutability' | 'invalidValue';

/**
 * Problems and notes collected while preparing a resource, so that a client hears about every problem
 * at once (STYLE: errors list every problem with its path).
 */
export class PreparationIssues {
  private readonly issues: (ValidationIssue & { scimType: PreparationScimType })[] = [];
  readonly ignored: string[] = [];

  add(path: string, message: string, scimType: PreparationScimType = 'invalidValue'): void {
    this.issues.push({ path, message, scimType });
  }

  ignore(path: string): void {
    this.ignored.push(path);
  }

  /**
   * One ValidationError for them all. Its single scimType (RFC 7644 §3.12) is the most fundamental kind
   * found: a malformed body (invalidSyntax) before a forbidden change (mutability, only when that is the
   * sole kind of problem) before bad values (invalidValue).
   */
  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const kinds = new Set(this.issues.map((i) => i.scimType));
    const scimType = kinds.has('invalidSyntax') ? 'invalidSyntax' : kinds.size === 1 && kinds.has('mutability') ? 'mutability' : 'invalidValue';
    throw new ValidationError(this.issues.map(({ path, message }) => ({ path, message })), { scimType });
  }
}
