import type { JsonObject } from '../domain/identityObject';
import type { ScopingClause, ScopingFilter } from '../domain/jobDefinition';
import { type ClausePredicate, compileScopingClause } from './compileScopingClause';
import { readSourceAttribute } from './sourceContext';

export interface ScopeResult {
  inScope: boolean;
  /** Why, in words an operator reads in the log's scoping step. */
  description: string;
}

/*
 * Clauses compiled once each (regexes, integer operands). Job definitions are parsed once and kept, so the
 * clause object identifies the clause; a WeakMap lets a replaced job's clauses be collected.
 */
const compiled = new WeakMap<ScopingClause, ClausePredicate>();

function predicateFor(clause: ScopingClause): ClausePredicate {
  let predicate = compiled.get(clause);
  if (!predicate) {
    predicate = compileScopingClause(clause);
    compiled.set(clause, predicate);
  }
  return predicate;
}

/**
 * Entra's scoping filter (reference/entra-engine.md §2.1): clauses ANDed within a group, groups ORed.
 * What each operator means, including NULL and empty attributes, is in compileScopingClause.
 * Graph's experimental inputFilterGroups and categoryFilterGroups are refused when a job is saved.
 */
export function evaluateScope(filter: ScopingFilter | null, source: JsonObject): ScopeResult {
  if (!filter || filter.groups.length === 0) return { inScope: true, description: 'No scoping filter: every object is in scope' };
  const failures: string[] = [];
  for (const [index, group] of filter.groups.entries()) {
    const label = group.name ? `${index + 1} (${group.name})` : `${index + 1}`;
    const failed = group.clauses.find((clause) => !predicateFor(clause)(readSourceAttribute(source, clause.sourceOperandName)));
    if (!failed) return { inScope: true, description: `Scoping filter group ${label} passed` };
    failures.push(`group ${label}: ${describe(failed)} is false`);
  }
  return { inScope: false, description: `No scoping filter group passed (${failures.join('; ')})` };
}

function describe(clause: ScopingClause): string {
  const values = clause.targetOperand.values;
  const operand = values.length === 0 ? '' : ` ${values.map((v) => `'${v}'`).join(', ')}`;
  return `${clause.sourceOperandName} ${clause.operatorName}${operand}`;
}
