import { ValidationError, type ValidationIssue } from '../domain/errors';
import { jobDefinitionSchema, type JobDefinition, type ScopingFilter } from '../domain/jobDefinition';
import { scopingClauseIssues } from '../engine/scopingClauseIssues';
import { validateExpression } from '../expressions/validateExpression';
import { parseScimPath } from '../scim/scimPath';

/**
 * Validates a job definition once, when it is saved, and lists every problem with its path
 * (`objectMappings[0].attributeMappings[2].source.expression`), so the engine can trust stored jobs.
 */
export function validateJobDefinition(input: unknown): JobDefinition {
  const parsed = jobDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const job = parsed.data;
  const issues: ValidationIssue[] = [];
  job.objectMappings.forEach((objectMapping, m) => {
    const base = `objectMappings[${m}]`;
    const priorities = new Map<number, number>();
    objectMapping.attributeMappings.forEach((mapping, a) => {
      const at = `${base}.attributeMappings[${a}]`;
      if (mapping.source) {
        for (const problem of validateExpression(mapping.source.expression)) issues.push({ path: `${at}.source.expression`, message: problem });
      } else if (mapping.defaultValue === null) {
        issues.push({ path: `${at}.source`, message: 'is null and there is no defaultValue: the mapping would never give a value' });
      }
      try {
        parseScimPath(mapping.targetAttributeName);
      } catch (error) {
        issues.push({ path: `${at}.targetAttributeName`, message: error instanceof Error ? error.message : String(error) });
      }
      if (mapping.matchingPriority > 0) {
        const other = priorities.get(mapping.matchingPriority);
        if (other !== undefined) issues.push({ path: `${at}.matchingPriority`, message: `${mapping.matchingPriority} is also the matchingPriority of attributeMappings[${other}]; each matching attribute needs its own precedence` });
        priorities.set(mapping.matchingPriority, a);
      }
    });
    issues.push(...scopeIssues(objectMapping.scope, `${base}.scope`));
    if (objectMapping.enabled && priorities.size === 0) {
      issues.push({ path: `${base}.attributeMappings`, message: 'no mapping has matchingPriority > 0: at least one attribute must match source objects to target objects' });
    }
  });
  const names = new Set<string>();
  job.objectMappings.forEach((objectMapping, m) => {
    const key = objectMapping.sourceObjectName.toLowerCase();
    if (objectMapping.enabled && names.has(key)) issues.push({ path: `objectMappings[${m}].sourceObjectName`, message: `another enabled object mapping already maps '${objectMapping.sourceObjectName}'` });
    if (objectMapping.enabled) names.add(key);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return job;
}

/** Regexes and integers in scoping clauses, checked once here so that evaluation never meets a bad operand. */
function scopeIssues(scope: ScopingFilter | null, at: string): ValidationIssue[] {
  if (!scope) return [];
  const issues: ValidationIssue[] = [];
  scope.groups.forEach((group, g) =>
    group.clauses.forEach((clause, c) => {
      for (const issue of scopingClauseIssues(clause)) issues.push({ path: `${at}.groups[${g}].clauses[${c}].${issue.path}`, message: issue.message });
    }),
  );
  // Graph's experimental filters (reference/entra-engine.md §2.4) are not applied; ignoring them would widen the scope.
  for (const field of ['inputFilterGroups', 'categoryFilterGroups'] as const) {
    if (scope[field].length > 0) issues.push({ path: `${at}.${field}`, message: `is not supported (an experimental Graph filter); move its clauses into groups or leave it empty` });
  }
  return issues;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}
