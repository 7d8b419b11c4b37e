import type { ExpressionValue } from '../expressionValue';

/**
 * The assumed shape of one value of `[appRoleAssignments]`: Graph's appRoleAssignment
 * `{ id, appRoleId, … }` enriched with the assigned app role's `displayName` and `value` (Graph's
 * appRoleAssignment itself carries only appRoleId; the source connector adds the role's names), or
 * simply a role name string.
 */
export interface AppRoleAssignment {
  id?: string;
  appRoleId?: string;
  displayName?: string;
  value?: string;
}

/** The SCIM `roles` value of reference §1.4. A type alias, not an interface, so it is an ExpressionValue object. */
export type ComplexRole = {
  primary: false;
  type: 'WindowsAzureActiveDirectoryRole';
  display: string;
  value: string;
};

/** The assignments among the values; entries with no name at all (no value, displayName or appRoleId) are skipped. */
export function readAssignments(values: ExpressionValue): { display: string; value: string }[] {
  const list = values === null ? [] : Array.isArray(values) ? values : [values];
  return list.flatMap((item) => {
    if (typeof item === 'string') return item === '' ? [] : [{ display: item, value: item }];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
    const text = (key: keyof AppRoleAssignment): string | undefined => (typeof item[key] === 'string' && item[key] !== '' ? item[key] : undefined);
    const value = text('value') ?? text('displayName') ?? text('appRoleId');
    return value === undefined ? [] : [{ display: text('displayName') ?? value, value }];
  });
}

export function complexRole(role: { display: string; value: string }): ComplexRole {
  return { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: role.display, value: role.value };
}
