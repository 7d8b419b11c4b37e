import type { ValidationIssue } from '../domain/errors';
import type { ScopingClause, ScopingOperator } from '../domain/jobDefinition';
import { compileDotNetRegex } from '../expressions/compileDotNetRegex';

/** Operators that test the attribute alone (reference/entra-engine.md §2.2); the rest need a value. */
const UNARY: ReadonlySet<ScopingOperator> = new Set(['IS NULL', 'IS NOT NULL', 'IS TRUE', 'IS FALSE']);
const REGEX: ReadonlySet<ScopingOperator> = new Set(['REGEX MATCH', 'NOT REGEX MATCH']);
const INTEGER: ReadonlySet<ScopingOperator> = new Set(['Greater_Than', 'Greater_Than_OR_EQUALS']);

/**
 * What is wrong with one clause's operands, with paths relative to the clause (`targetOperand.values[0]`).
 * Checked when a job is saved, so that evaluation never meets a pattern or number it cannot use.
 */
export function scopingClauseIssues(clause: ScopingClause): ValidationIssue[] {
  const { operatorName: operator, targetOperand } = clause;
  if (UNARY.has(operator)) return [];
  if (targetOperand.values.length === 0) {
    return [{ path: 'targetOperand.values', message: `is empty: the ${operator} operator needs a value to compare with` }];
  }
  const issues: ValidationIssue[] = [];
  targetOperand.values.forEach((value, index) => {
    const path = `targetOperand.values[${index}]`;
    if (REGEX.has(operator)) {
      try {
        compileDotNetRegex(value);
      } catch (error) {
        issues.push({ path, message: `'${value}' ${error instanceof Error ? error.message : String(error)}` });
      }
    } else if (INTEGER.has(operator) && !/^\d+$/.test(value)) {
      issues.push({ path, message: `'${value}' must be a non-negative integer: Entra's ${operator} compares non-negative integers only` });
    }
  });
  return issues;
}
