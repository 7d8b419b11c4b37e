import type { JsonObject } from '../domain/identityObject';
import type { ScopingClause, ScopingFilter } from '../domain/jobDefinition';
import { toText } from '../expressions/expressionValue';
import { readSourceAttribute } from './sourceContext';

export interface ScopeResult {
  inScope: boolean;
  /** Why, in words an operator reads in the log's scoping step. */
  description: string;
}

/**
 * Entra's scoping filter (reference/entra-engine.md §2): clauses ANDed within a group, groups ORed,
 * text compared case-sensitively, and a NULL attribute makes a clause false except IS NULL.
 */
export function evaluateScope(filter: ScopingFilter | null, source: JsonObject): ScopeResult {
  if (!filter || filter.groups.length === 0) return { inScope: true, description: 'No scoping filter: every object is in scope' };
  for (const [index, group] of filter.groups.entries()) {
    const failed = group.clauses.find((clause) => !clauseHolds(clause, source));
    if (!failed) return { inScope: true, description: `Scoping filter group ${index + 1} passed` };
  }
  return { inScope: false, description: 'No scoping filter group passed' };
}

function clauseHolds(clause: ScopingClause, source: JsonObject): boolean {
  const raw = readSourceAttribute(source, clause.sourceOperandName);
  const value = raw === undefined ? null : toText(raw);
  const operand = clause.targetOperand.values[0] ?? '';
  switch (clause.operatorName) {
    case 'IS NULL':
      return value === null;
    case 'IS NOT NULL':
      return value !== null;
    case 'IS TRUE':
      return value !== null && value.toLowerCase() === 'true';
    case 'IS FALSE':
      return value !== null && value.toLowerCase() === 'false';
    case 'EQUALS':
      return value !== null && value === operand;
    case 'NOT EQUALS':
      return value !== null && value !== operand;
  }
}
