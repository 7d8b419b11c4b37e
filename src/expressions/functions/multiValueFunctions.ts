import { ExpressionEvaluationError } from '../ExpressionEvaluationError';
import type { ExpressionFunction } from '../expressionFunction';
import { toText, type ExpressionValue } from '../expressionValue';
import { complexRole, readAssignments } from './appRoleAssignment';

/* Multi-valued and role functions of reference §1.2 and §1.4. A single (non-array) value counts as one value. */

const valuesOf = (value: ExpressionValue): ExpressionValue[] => (value === null ? [] : Array.isArray(value) ? value : [value]);

const Count: ExpressionFunction = { minArgs: 1, maxArgs: 1, invoke: ([value = null]) => valuesOf(value).length };

const Item: ExpressionFunction = {
  minArgs: 2,
  maxArgs: 2,
  // 1-based (reference §1.2: "do not use 0"); 0, negative or past the end gives NULL.
  invoke: ([value = null, index = null]) => {
    const n = typeof index === 'number' ? index : Number(toText(index)?.trim() || Number.NaN);
    if (!Number.isInteger(n)) throw new ExpressionEvaluationError(`Item: the index '${toText(index) ?? 'NULL'}' is not a whole number`);
    return valuesOf(value)[n - 1] ?? null;
  },
};

const RemoveDuplicates: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  // First occurrence kept, order kept; comparison is exact (case-sensitive, like the rest of the language).
  invoke: ([value = null]) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<string>();
    return value.filter((v) => {
      const key = typeof v === 'string' ? `s:${v}` : `j:${JSON.stringify(v)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
};

/*
 * AppRoleAssignmentsComplex and AssertiveAppRoleAssignmentsComplex produce the same value; they differ in how
 * the SCIM connector patches it (Add only vs. replace of the whole `roles` array, reference §1.4), which the
 * connector decides from the function named in the mapping. Input shape: see appRoleAssignment.ts.
 */
const complexRoles: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([value = null]) => {
    const roles = readAssignments(value).map(complexRole);
    return roles.length === 0 ? null : roles;
  },
};

const SingleAppRoleAssignment: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  // One role name. Entra leaves undefined which role comes back for several assignments (reference §1.2);
  // idbridge returns the first, so the result is at least repeatable.
  invoke: ([value = null]) => readAssignments(value)[0]?.value ?? null,
};

const AppRoleAssignments: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  // Only listed in Graph's function sample (reference §1.4), semantics undocumented: idbridge returns the role
  // names as a multi-valued string attribute.
  invoke: ([value = null]) => {
    const names = readAssignments(value).map((r) => r.value);
    return names.length === 0 ? null : names;
  },
};

export const multiValueFunctions: Readonly<Record<string, ExpressionFunction>> = {
  AppRoleAssignments,
  AppRoleAssignmentsComplex: complexRoles,
  AssertiveAppRoleAssignmentsComplex: complexRoles,
  Count,
  Item,
  RemoveDuplicates,
  SingleAppRoleAssignment,
};
