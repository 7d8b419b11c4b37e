import type { AttributeMapping, JobDefinition, ObjectMapping } from '../domain/jobDefinition';
import type { ExpressionNode } from '../expressions/expressionAst';
import { expressionFacts, type ExpressionFacts } from '../expressions/expressionFacts';
import { parseExpression } from '../expressions/parseExpression';
import { compileExpression, type Evaluator } from '../expressions/evaluateExpression';
import { parseScimPath, type ScimPath } from '../scim/scimPath';
import { isGroupObjectName } from './isGroupObjectName';
import { isManagerReference, MANAGER_PATH } from './managerReference';

/** An attribute mapping with its expression and target path parsed once, not once per object. */
export interface CompiledAttributeMapping {
  mapping: AttributeMapping;
  expression: ExpressionNode | null;
  /** The expression compiled to closures; null when the mapping has no source (a default-only constant). */
  evaluate: Evaluator | null;
  targetPath: ScimPath;
  facts: ExpressionFacts;
}

export interface CompiledObjectMapping {
  objectMapping: ObjectMapping;
  /** Every mapping except the `members` reference: what create and update write as attributes. */
  attributes: CompiledAttributeMapping[];
  /**
   * A group's `members` mapping, a reference attribute: never written on create (reference/entra-engine.md
   * §5.4, inbound-and-scim.md §2.7: groups are created empty) but resolved through the links afterwards.
   */
  members?: CompiledAttributeMapping;
  /**
   * A user's manager mapping, a reference (reference/entra-engine.md §5.4): its source value is the manager's
   * source key, written as the manager's target id once resolved through the link (resolveReferences). Its
   * `targetPath` is always the enterprise `manager` (managerReference.ts), whatever spelling the job used.
   */
  references: CompiledAttributeMapping[];
  /** Matching mappings, lowest matchingPriority first (Entra's matching precedence). */
  matching: CompiledAttributeMapping[];
  /** Mappings that read [IsSoftDeleted]: the ones a disable flows through (Entra: active <- Not([IsSoftDeleted])). */
  softDeleteAware: CompiledAttributeMapping[];
  /** Source attributes read inside Redact(...): their values are masked wherever a log would show them. */
  redactedSourceAttributes: string[];
}

const cache = new WeakMap<ObjectMapping, CompiledObjectMapping>();

/** Parses a job's mappings. Jobs are validated when saved, so a failure here means a stored job was edited by hand. */
export function compileObjectMapping(objectMapping: ObjectMapping): CompiledObjectMapping {
  const cached = cache.get(objectMapping);
  if (cached) return cached;
  const all = objectMapping.attributeMappings.map((mapping) => {
    const expression = mapping.source ? parseExpression(mapping.source.expression) : null;
    return { mapping, expression, evaluate: expression ? compileExpression(expression) : null, targetPath: parseScimPath(mapping.targetAttributeName), facts: expressionFacts(expression) };
  });
  const isGroup = isGroupObjectName(objectMapping.targetObjectName);
  const members = isGroup ? all.find((a) => a.mapping.targetAttributeName.trim().toLowerCase() === 'members') : undefined;
  const references = isGroup ? [] : all.filter((a) => isManagerReference(a.mapping.targetAttributeName)).map((a) => ({ ...a, targetPath: MANAGER_PATH }));
  const attributes = all.filter((a) => a !== members && (isGroup || !isManagerReference(a.mapping.targetAttributeName)));
  const matching = attributes
    .filter((a) => a.mapping.matchingPriority > 0)
    .sort((a, b) => a.mapping.matchingPriority - b.mapping.matchingPriority);
  const softDeleteAware = attributes.filter((a) => a.facts.attributes.some((name) => name.toLowerCase() === 'issoftdeleted'));
  const redactedSourceAttributes = [...new Set(all.flatMap((a) => a.facts.redactedAttributes))];
  const compiled: CompiledObjectMapping = { objectMapping, attributes, references, matching, softDeleteAware, redactedSourceAttributes, ...(members ? { members } : {}) };
  cache.set(objectMapping, compiled);
  return compiled;
}

/** The enabled object mapping for a source object type (`User`), if any. */
export function findObjectMapping(job: JobDefinition, sourceObjectName: string): ObjectMapping | undefined {
  const wanted = sourceObjectName.toLowerCase();
  return job.objectMappings.find((m) => m.enabled && m.sourceObjectName.toLowerCase() === wanted);
}
