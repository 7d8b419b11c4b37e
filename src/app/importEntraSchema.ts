import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { scopingOperator, type jobDefinitionSchema } from '../domain/jobDefinition';
import { scopingClauseIssues } from '../engine/scopingClauseIssues';
import { validateExpression } from '../expressions/validateExpression';
import { parseScimPath } from '../scim/scimPath';
import { entraSourceExpression, quoteConstant } from './entraSourceExpression';
import {
  entraSynchronizationSchema,
  type EntraAttributeMapping,
  type EntraFilterGroup,
  type EntraObjectMapping,
  type EntraSynchronizationSchema,
} from './entraSynchronizationSchema';

type JobInput = z.input<typeof jobDefinitionSchema>;
type ObjectMappingInput = JobInput['objectMappings'][number];
type AttributeMappingInput = ObjectMappingInput['attributeMappings'][number];
type ClauseInput = { sourceOperandName: string; operatorName: z.infer<typeof scopingOperator>; targetOperand: { values: string[] } };
type GroupInput = { name?: string; clauses: ClauseInput[] };

export interface ImportReportLine {
  /** Where in the exported schema: `synchronizationRules[0].objectMappings[0].attributeMappings[3]`. */
  path: string;
  action: 'kept' | 'converted' | 'dropped';
  detail: string;
}

export interface ImportEntraSchemaOptions {
  id?: string;
  baseUrl?: string;
  tokenSetting?: string;
}

export interface EntraSchemaImport {
  /** A job definition to validate (validateJobDefinition) and save; defaults are left to the job schema. */
  job: JobInput;
  report: ImportReportLine[];
}

/** Used when the caller gives no target: the job validates, and the report says to replace them. */
export const PLACEHOLDER_BASE_URL = 'https://scim.example.invalid/scim/v2';
export const PLACEHOLDER_TOKEN_SETTING = 'IDBRIDGE_TARGET_TOKEN_APP';

/** Scoping filters multiply out when input and category filters are ANDed in; past this the filter is not imported. */
const MAX_SCOPE_GROUPS = 50;

/**
 * Turns a synchronization schema exported from Entra into an idbridge job definition (DESIGN principle 7),
 * carrying over what idbridge supports and reporting everything it changes or leaves out. Pure.
 * Where an Entra setting cannot be carried exactly, the import errs towards provisioning less, never more:
 * add-only flows become ObjectAddOnly (never overwrite), and a scoping filter it cannot honour disables the
 * object mapping rather than putting every object in scope.
 */
export function importEntraSchema(input: unknown, options: ImportEntraSchemaOptions = {}): EntraSchemaImport {
  const parsed = entraSynchronizationSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  const schema = parsed.data;
  const report: ImportReportLine[] = [];
  const note = (path: string, action: ImportReportLine['action'], detail: string) => report.push({ path, action, detail });

  if ((schema.directories ?? []).length > 0) note('directories', 'dropped', 'directory definitions are not imported: idbridge reads source attributes by the names the mappings use');

  const ruleIndex = chooseRule(schema);
  schema.synchronizationRules.forEach((r, i) => {
    if (i !== ruleIndex) note(`synchronizationRules[${i}]`, 'dropped', `rule '${r.name ?? r.id ?? i}': an idbridge job has one source and one target, so only rule ${ruleIndex} ('${schema.synchronizationRules[ruleIndex]?.name ?? ''}') is imported`);
  });
  const rule = schema.synchronizationRules[ruleIndex];
  const rulePath = `synchronizationRules[${ruleIndex}]`;
  note(rulePath, 'converted', `source directory '${rule?.sourceDirectoryName ?? '?'}' becomes idbridge's inbound API: records uploaded to the job must carry the attribute names the mappings read`);

  const objectMappings: ObjectMappingInput[] = [];
  (rule?.objectMappings ?? []).forEach((m, i) => {
    const converted = convertObjectMapping(m, `${rulePath}.objectMappings[${i}]`, note);
    if (converted) objectMappings.push(converted);
  });

  if (!options.baseUrl) note('target.baseUrl', 'converted', `target directory '${rule?.targetDirectoryName ?? '?'}' has no address in the export: set to the placeholder ${PLACEHOLDER_BASE_URL}; pass --base-url`);
  if (!options.tokenSetting) note('target.tokenSetting', 'converted', `Entra keeps the secret token outside the schema: set to the placeholder app setting ${PLACEHOLDER_TOKEN_SETTING}; pass --token-setting`);

  const job: JobInput = {
    id: options.id ?? jobIdFrom(schema.id),
    displayName: `Imported from Entra${rule?.name ? `: ${rule.name}` : ''}`,
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl: options.baseUrl ?? PLACEHOLDER_BASE_URL, tokenSetting: options.tokenSetting ?? PLACEHOLDER_TOKEN_SETTING },
    objectMappings,
  };
  return { job, report };
}

type Note = (path: string, action: ImportReportLine['action'], detail: string) => void;

/** The first rule with an enabled object mapping (Entra's outbound rule for an app), else the first. */
function chooseRule(schema: EntraSynchronizationSchema): number {
  const index = schema.synchronizationRules.findIndex((r) => (r.objectMappings ?? []).some((m) => m.enabled !== false));
  return index < 0 ? 0 : index;
}

function jobIdFrom(schemaId: string | null | undefined): string {
  const slug = (schemaId ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return slug || 'entra-import';
}

function convertObjectMapping(m: EntraObjectMapping, path: string, note: Note): ObjectMappingInput | undefined {
  const name = m.name?.trim() || m.sourceObjectName || 'mapping';
  if (m.enabled === false) {
    note(path, 'dropped', `object mapping '${name}' is disabled in Entra`);
    return undefined;
  }
  const all = m.attributeMappings ?? [];
  const attributeMappings = all.flatMap((a, i) => convertAttributeMapping(a, `${path}.attributeMappings[${i}]`, note) ?? []);
  if (attributeMappings.length === 0) {
    note(path, 'dropped', `object mapping '${name}': none of its ${all.length} attribute mappings could be imported`);
    return undefined;
  }
  note(path, 'kept', `object mapping '${name}' (${m.sourceObjectName ?? 'User'} → ${m.targetObjectName ?? '?'}): ${attributeMappings.length} of ${all.length} attribute mappings`);
  if ((m.metadata ?? []).length > 0) note(`${path}.metadata`, 'dropped', 'Entra-internal metadata is not imported');

  const scope = convertScope(m.scope, `${path}.scope`, note);
  return {
    name,
    ...(m.sourceObjectName ? { sourceObjectName: m.sourceObjectName } : {}),
    ...(m.targetObjectName ? { targetObjectName: m.targetObjectName } : {}),
    ...(m.flowTypes ? { flowTypes: m.flowTypes } : {}),
    attributeMappings,
    ...(scope === 'failClosed' ? { enabled: false, scope: null } : { scope }),
  };
}

function convertAttributeMapping(a: EntraAttributeMapping, path: string, note: Note): AttributeMappingInput | undefined {
  const target = a.targetAttributeName?.trim() ?? '';
  try {
    parseScimPath(target);
  } catch (error) {
    note(`${path}.targetAttributeName`, 'dropped', `'${target}' is not an attribute path idbridge can write: ${messageOf(error)}`);
    return undefined;
  }
  const defaultValue = a.defaultValue ? a.defaultValue : null; // exports write "" for "no default"
  let source: AttributeMappingInput['source'];
  if (!a.source) {
    if (defaultValue === null) {
      note(path, 'dropped', `${target}: no source and no default value, so it never gives a value`);
      return undefined;
    }
    // Templates write constants as source null + defaultValue (reference §3.1, Salesforce's LanguageLocaleKey);
    // idbridge applies defaultValue on create only, so it becomes a Constant source that flows every time.
    source = { expression: quoteConstant(defaultValue), name: defaultValue, type: 'Constant' };
    note(`${path}.source`, 'converted', `${target}: source null with defaultValue "${defaultValue}" becomes the constant ${quoteConstant(defaultValue)}`);
  } else {
    let expression: string;
    try {
      expression = entraSourceExpression(a.source);
    } catch (error) {
      note(`${path}.source`, 'dropped', `${target}: cannot build an expression from ${messageOf(error)}`);
      return undefined;
    }
    if (!a.source.expression?.trim()) note(`${path}.source.expression`, 'converted', `${target}: built from name and parameters as ${expression}`);
    const problems = validateExpression(expression);
    if (problems.length > 0) {
      note(`${path}.source.expression`, 'dropped', `${target}: ${expression} cannot run in idbridge: ${problems.join('; ')}`);
      return undefined;
    }
    const type = a.source.type === 'Attribute' || a.source.type === 'Constant' || a.source.type === 'Function' ? a.source.type : undefined;
    source = { expression, ...(a.source.name ? { name: a.source.name } : {}), ...(type ? { type } : {}) };
  }

  let flowType: 'Always' | 'ObjectAddOnly' = a.flowType === 'ObjectAddOnly' ? 'ObjectAddOnly' : 'Always';
  if (a.flowType && a.flowType !== 'Always' && a.flowType !== 'ObjectAddOnly') {
    // The add-only flows never take away what the target holds; ObjectAddOnly keeps that promise (it never
    // overwrites) at the cost of not adding values after the create.
    flowType = 'ObjectAddOnly';
    note(`${path}.flowType`, 'converted', `${target}: ${a.flowType} becomes ObjectAddOnly (set on create, never overwritten; later additions do not flow)`);
  }
  if (a.flowBehavior && a.flowBehavior !== 'FlowWhenChanged') {
    note(`${path}.flowBehavior`, 'dropped', `${target}: ${a.flowBehavior} is not needed: idbridge compares every mapped value with the target on each reconcile`);
  }
  if (a.exportMissingReferences) note(`${path}.exportMissingReferences`, 'dropped', `${target}: idbridge does not export unresolved references`);

  const matchingPriority = typeof a.matchingPriority === 'number' && Number.isInteger(a.matchingPriority) && a.matchingPriority > 0 ? a.matchingPriority : 0;
  return { source, targetAttributeName: target, matchingPriority, flowType, defaultValue: a.source ? defaultValue : null };
}

/**
 * Entra ORs `groups`; `inputFilterGroups` and `categoryFilterGroups` (experimental, reference §2.4) also have
 * to pass, so they are ANDed in by multiplying out the groups (idbridge refuses them as separate filters).
 * unverified: that categoryFilterGroups narrow scope the way inputFilterGroups do. A group with a clause idbridge cannot evaluate
 * is dropped, which narrows scope; a filter left with no group would widen it to everything, so then the
 * object mapping is disabled instead ('failClosed').
 */
function convertScope(scope: EntraObjectMapping['scope'], path: string, note: Note): { groups: GroupInput[] } | null | 'failClosed' {
  if (!scope) return null;
  let combined: GroupInput[] | null = null;
  for (const key of ['groups', 'inputFilterGroups', 'categoryFilterGroups'] as const) {
    const groups = scope[key] ?? [];
    if (groups.length === 0) continue;
    const usable = convertGroups(groups, `${path}.${key}`, note);
    if (usable.length === 0) {
      note(`${path}.${key}`, 'dropped', 'no group of this filter can be evaluated by idbridge; the object mapping is disabled rather than put every object in scope');
      return 'failClosed';
    }
    if (key !== 'groups') note(`${path}.${key}`, 'converted', `ANDed with the other filters (${usable.length} group(s))`);
    combined = combined === null ? usable : combined.flatMap((left) => usable.map((right) => andGroups(left, right)));
  }
  if (combined === null) return null;
  if (combined.length > MAX_SCOPE_GROUPS) {
    note(path, 'dropped', `the combined filter has ${combined.length} groups, more than ${MAX_SCOPE_GROUPS}; the object mapping is disabled`);
    return 'failClosed';
  }
  return { groups: combined };
}

function andGroups(left: GroupInput, right: GroupInput): GroupInput {
  const name = [left.name, right.name].filter(Boolean).join(' and ');
  return { ...(name ? { name } : {}), clauses: [...left.clauses, ...right.clauses] };
}

function convertGroups(groups: readonly EntraFilterGroup[], path: string, note: Note): GroupInput[] {
  const out: GroupInput[] = [];
  groups.forEach((group, g) => {
    const clauses: ClauseInput[] = [];
    for (const [c, clause] of (group.clauses ?? []).entries()) {
      const operator = scopingOperator.safeParse(clause.operatorName);
      const attribute = clause.sourceOperandName?.trim();
      if (!operator.success || !attribute) {
        const why = !attribute ? 'has no source attribute' : `uses operator '${clause.operatorName ?? ''}', which idbridge does not support (supported: ${scopingOperator.options.join(', ')})`;
        note(`${path}[${g}].clauses[${c}]`, 'dropped', `clause ${why}; its whole group '${group.name ?? g}' is dropped, so fewer objects are in scope`);
        return;
      }
      const converted: ClauseInput = { sourceOperandName: attribute, operatorName: operator.data, targetOperand: { values: clause.targetOperand?.values ?? [] } };
      // Operands idbridge cannot use (a .NET regex feature it cannot translate, a non-integer for Greater_Than).
      const problems = scopingClauseIssues(converted);
      if (problems.length > 0) {
        note(`${path}[${g}].clauses[${c}]`, 'dropped', `clause ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}; its whole group '${group.name ?? g}' is dropped, so fewer objects are in scope`);
        return;
      }
      clauses.push(converted);
    }
    if (clauses.length > 0) out.push({ ...(group.name ? { name: group.name } : {}), clauses });
  });
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
