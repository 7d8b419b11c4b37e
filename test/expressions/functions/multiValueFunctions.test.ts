import type { ExpressionValue } from '../../../src/expressions/expressionValue';
import { evaluate } from './evaluate';

type Row = [string, Record<string, ExpressionValue>, ExpressionValue];

const proxyAddresses = ['SMTP:john@contoso.com', 'smtp:j@contoso.com', 'smtp:john@fabrikam.com', 'smtp:j@contoso.com'];
const role = (display: string, value: string): ExpressionValue => ({ primary: false, type: 'WindowsAzureActiveDirectoryRole', display, value });
// The assumed input shape (src/expressions/functions/appRoleAssignment.ts): Graph appRoleAssignments enriched with the role's names.
const appRoleAssignments: ExpressionValue = [
  { id: '06b0aa00-0000-0000-0000-000000000001', appRoleId: 'aaaa0000-0000-0000-0000-000000000001', displayName: 'Role1234', value: '25' },
  { id: '06b0aa00-0000-0000-0000-000000000002', appRoleId: 'aaaa0000-0000-0000-0000-000000000002', displayName: 'Administrator', value: 'Admin' },
];

describe('multi-valued functions', () => {
  it.each<Row>([
    ['Count([proxyAddresses])', { proxyAddresses }, 4],
    ['Count([proxyAddresses])', {}, 0],
    ['Count([mail])', { mail: 'a@contoso.com' }, 1],
    ['Item([proxyAddresses], 1)', { proxyAddresses }, 'SMTP:john@contoso.com'],
    ['Item([proxyAddresses], "3")', { proxyAddresses }, 'smtp:john@fabrikam.com'],
    ['Item([proxyAddresses], 0)', { proxyAddresses }, null],
    ['Item([proxyAddresses], 5)', { proxyAddresses }, null],
    ['Item([proxyAddresses], -1)', { proxyAddresses }, null],
    ['Item([mail], 1)', { mail: 'a@contoso.com' }, 'a@contoso.com'],
    ['Item([proxyAddresses], 1)', {}, null],
    ['RemoveDuplicates([proxyAddresses])', { proxyAddresses }, ['SMTP:john@contoso.com', 'smtp:j@contoso.com', 'smtp:john@fabrikam.com']],
    ['RemoveDuplicates([x])', { x: ['b', 'a', 'B', 'b', 'a'] }, ['b', 'a', 'B']],
    ['RemoveDuplicates([x])', {}, null],
    ['Join(";", RemoveDuplicates([proxyAddresses]))', { proxyAddresses }, 'SMTP:john@contoso.com;smtp:j@contoso.com;smtp:john@fabrikam.com'],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));

  it('Item rejects an index that is not a whole number', () => {
    expect(() => evaluate('Item([x], "first")', { x: ['a'] })).toThrow("Item: the index 'first' is not a whole number");
  });
});

describe('role functions (reference §1.4)', () => {
  it.each<Row>([
    ['AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments }, [role('Role1234', '25'), role('Administrator', 'Admin')]],
    ['AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments }, [role('Role1234', '25'), role('Administrator', 'Admin')]],
    ['AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: ['Admin', 'Reader'] }, [role('Admin', 'Admin'), role('Reader', 'Reader')]],
    ['AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: [{ id: '1', appRoleId: 'r1', displayName: 'Reader' }] }, [role('Reader', 'Reader')]],
    ['AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: [{ id: '1', appRoleId: 'r1' }] }, [role('r1', 'r1')]],
    ['AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', {}, null],
    ['SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: [appRoleAssignments[0] ?? null] }, '25'],
    ['SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments }, '25'],
    ['SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: 'Admin' }, 'Admin'],
    ['SingleAppRoleAssignment([appRoleAssignments])', {}, null],
    ['AppRoleAssignments([appRoleAssignments])', { appRoleAssignments }, ['25', 'Admin']],
    ['AppRoleAssignments([appRoleAssignments])', { appRoleAssignments: [] }, null],
  ])('%s with %j → %j', (text, attributes, expected) => expect(evaluate(text, attributes)).toEqual(expected));
});
