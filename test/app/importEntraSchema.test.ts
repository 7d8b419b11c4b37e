import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importEntraSchema, PLACEHOLDER_BASE_URL, PLACEHOLDER_TOKEN_SETTING, type ImportReportLine } from '../../src/app/importEntraSchema';
import { entraSourceExpression } from '../../src/app/entraSourceExpression';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { ValidationError } from '../../src/domain/errors';
import { scopingOperator } from '../../src/domain/jobDefinition';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'entra-scim-app-schema.json');
const exported = (): unknown => JSON.parse(readFileSync(FIXTURE, 'utf8'));
const USERS = 'synchronizationRules[0].objectMappings[0]';
const at = (report: ImportReportLine[], prefix: string) => report.filter((line) => line.path.startsWith(prefix));

/** A one-rule schema around the given user attribute mappings (the first matches on userName). */
function schemaWith(attributeMappings: unknown[], scope: unknown = null): unknown {
  return {
    synchronizationRules: [
      {
        name: 'USER_OUTBOUND_USER',
        sourceDirectoryName: 'Azure Active Directory',
        targetDirectoryName: 'customappsso',
        objectMappings: [
          {
            name: 'users',
            enabled: true,
            sourceObjectName: 'User',
            targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:User',
            attributeMappings: [{ source: { expression: '[userPrincipalName]', name: 'userPrincipalName', type: 'Attribute' }, targetAttributeName: 'userName', matchingPriority: 1 }, ...attributeMappings],
            scope,
          },
        ],
      },
    ],
  };
}

describe('importEntraSchema: an exported SCIM app schema', () => {
  const { job, report } = importEntraSchema(exported(), { id: 'scim-app', baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' });
  const valid = validateJobDefinition(job);
  const users = valid.objectMappings[0];
  const byTarget = new Map((users?.attributeMappings ?? []).map((m) => [m.targetAttributeName, m]));

  it('gives a valid job with the target, the enabled user mapping and its matching attribute', () => {
    expect(valid.id).toBe('scim-app');
    expect(valid.target).toEqual(expect.objectContaining({ baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' }));
    expect(valid.objectMappings).toHaveLength(1);
    expect(users).toEqual(expect.objectContaining({ name: 'Provision Microsoft Entra ID Users', sourceObjectName: 'User', targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:User', flowTypes: 'Add, Update, Delete', enabled: true }));
    expect(byTarget.get('userName')).toEqual(expect.objectContaining({ source: { expression: '[userPrincipalName]', name: 'userPrincipalName', type: 'Attribute' }, matchingPriority: 1, defaultValue: null }));
  });

  it('keeps expressions as written: Switch, Join and Not([IsSoftDeleted]) with its default', () => {
    expect(byTarget.get('active')?.source?.expression).toBe('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    expect(byTarget.get('name.formatted')?.source?.expression).toBe('Join(" ", [givenName], [surname])');
    const isActive = byTarget.get('urn:ietf:params:scim:schemas:extension:contoso:1.0:User:isActive');
    expect(isActive).toEqual(expect.objectContaining({ source: expect.objectContaining({ expression: 'Not([IsSoftDeleted])' }), defaultValue: 'True', flowType: 'Always' }));
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[13].flowBehavior`, action: 'dropped', detail: expect.stringContaining('FlowAlways') });
  });

  it('builds a Function source without an expression from its name and keyed parameters, empty slots included', () => {
    expect(byTarget.get('preferredLanguage')?.source?.expression).toBe('Replace([preferredLanguage], "-", , , "_", , )');
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[9].source.expression`, action: 'converted', detail: expect.stringContaining('built from name and parameters') });
  });

  it('turns source null + defaultValue into a constant, and drops a mapping that has neither', () => {
    expect(byTarget.get('locale')).toEqual(expect.objectContaining({ source: { expression: '"en_US"', name: 'en_US', type: 'Constant' }, defaultValue: null }));
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[10].source`, action: 'converted', detail: expect.stringContaining('"en_US"') });
    expect(byTarget.has('nickName')).toBe(false);
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[15]`, action: 'dropped', detail: expect.stringContaining('no source and no default value') });
  });

  it('makes add-only flows ObjectAddOnly and keeps ObjectAddOnly', () => {
    expect(byTarget.get('phoneNumbers[type eq "work"].value')?.flowType).toBe('ObjectAddOnly');
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[12].flowType`, action: 'converted', detail: expect.stringContaining('AttributeAddOnly becomes ObjectAddOnly') });
    expect(byTarget.get('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber')?.flowType).toBe('ObjectAddOnly');
  });

  it('drops a mapping whose function idbridge lacks, naming it', () => {
    expect(byTarget.has('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName')).toBe(false);
    expect(report).toContainEqual({ path: `${USERS}.attributeMappings[14].source.expression`, action: 'dropped', detail: expect.stringContaining("unknown function 'ResolveManagerUpn'") });
  });

  it('carries the scoping groups it can evaluate and drops a group with an operator it cannot, narrowing scope', () => {
    const supportsRegex = (scopingOperator.options as readonly string[]).includes('REGEX MATCH');
    const names = users?.scope?.groups.map((g) => g.name);
    expect(names).toEqual(supportsRegex ? ['Sales', 'Contractors'] : ['Sales']);
    expect(users?.scope?.groups[0]?.clauses).toEqual([
      { sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Sales'] } },
      { sourceOperandName: 'IsSoftDeleted', operatorName: 'IS FALSE', targetOperand: { values: [] } },
    ]);
    expect(report).toContainEqual({ path: `${USERS}.scope.groups[2].clauses[0]`, action: 'dropped', detail: expect.stringMatching(/operator 'Present'.*'Has a badge' is dropped, so fewer objects are in scope/) });
  });

  it('reports the disabled group mapping, the second rule and the directories as dropped', () => {
    expect(report).toContainEqual({ path: 'synchronizationRules[0].objectMappings[1]', action: 'dropped', detail: expect.stringContaining('disabled') });
    expect(report).toContainEqual({ path: 'synchronizationRules[1]', action: 'dropped', detail: expect.stringContaining("only rule 0 ('USER_OUTBOUND_USER')") });
    expect(report).toContainEqual({ path: 'directories', action: 'dropped', detail: expect.any(String) });
    expect(at(report, 'target')).toEqual([]);
  });

  it('summarises what it kept of the user mapping', () => {
    expect(report).toContainEqual({ path: USERS, action: 'kept', detail: expect.stringMatching(/14 of 16 attribute mappings/) });
  });
});

describe('importEntraSchema: edge cases', () => {
  it('uses placeholders for the target and an id from the schema when none is given', () => {
    const { job, report } = importEntraSchema(exported());
    const valid = validateJobDefinition(job);
    expect(valid.id).toBe('scim.6f1b2a9c4e8d4b0f9a3c2d1e0f9a8b7c.8e2f4c1a-5b3d-4e6f-9a0b-1c2d3e4f5a6b');
    expect(valid.target).toEqual(expect.objectContaining({ baseUrl: PLACEHOLDER_BASE_URL, tokenSetting: PLACEHOLDER_TOKEN_SETTING }));
    expect(at(report, 'target').map((l) => l.path)).toEqual(['target.baseUrl', 'target.tokenSetting']);
  });

  it('ANDs input filter groups into the scope groups', () => {
    const clause = (attribute: string, value: string) => ({ operatorName: 'EQUALS', sourceOperandName: attribute, targetOperand: { values: [value] } });
    const { job, report } = importEntraSchema(
      schemaWith([], { groups: [{ name: 'A', clauses: [clause('department', 'Sales')] }, { name: 'B', clauses: [clause('department', 'Ops')] }], inputFilterGroups: [{ name: 'US', clauses: [clause('country', 'US')] }] }),
    );
    const scope = validateJobDefinition(job).objectMappings[0]?.scope;
    expect(scope?.groups.map((g) => [g.name, g.clauses.map((c) => c.targetOperand.values[0])])).toEqual([
      ['A and US', ['Sales', 'US']],
      ['B and US', ['Ops', 'US']],
    ]);
    expect(scope?.inputFilterGroups).toEqual([]);
    expect(report).toContainEqual(expect.objectContaining({ path: 'synchronizationRules[0].objectMappings[0].scope.inputFilterGroups', action: 'converted' }));
  });

  it('drops a group whose regex idbridge cannot translate', () => {
    const { job, report } = importEntraSchema(
      schemaWith([], {
        groups: [
          { name: 'atomic', clauses: [{ operatorName: 'REGEX MATCH', sourceOperandName: 'userPrincipalName', targetOperand: { values: ['(?>x)'] } }] },
          { name: 'sales', clauses: [{ operatorName: 'EQUALS', sourceOperandName: 'department', targetOperand: { values: ['Sales'] } }] },
        ],
      }),
    );
    expect(validateJobDefinition(job).objectMappings[0]?.scope?.groups.map((g) => g.name)).toEqual(['sales']);
    expect(report).toContainEqual(expect.objectContaining({ path: 'synchronizationRules[0].objectMappings[0].scope.groups[0].clauses[0]', action: 'dropped' }));
  });

  it('disables the object mapping rather than widen scope when no scoping group survives', () => {
    const { job, report } = importEntraSchema(schemaWith([], { groups: [{ name: 'only', clauses: [{ operatorName: 'Valid Cert Match', sourceOperandName: 'x', targetOperand: { values: [] } }] }] }));
    const mapping = validateJobDefinition(job).objectMappings[0];
    expect(mapping).toEqual(expect.objectContaining({ enabled: false, scope: null }));
    expect(report).toContainEqual(expect.objectContaining({ path: 'synchronizationRules[0].objectMappings[0].scope.groups', action: 'dropped', detail: expect.stringContaining('disabled') }));
  });

  it('drops a mapping with a target path idbridge cannot write and one whose Function source has no usable parameters', () => {
    const { job, report } = importEntraSchema(
      schemaWith([
        { source: { expression: '[mail]', type: 'Attribute' }, targetAttributeName: 'emails[type eq' },
        { source: { name: 'Replace', type: 'Function', parameters: [{ key: 'Frobnicate', value: { name: 'x', type: 'Constant' } }] }, targetAttributeName: 'title' },
      ]),
    );
    expect(validateJobDefinition(job).objectMappings[0]?.attributeMappings.map((m) => m.targetAttributeName)).toEqual(['userName']);
    expect(report.filter((l) => l.action === 'dropped').map((l) => l.path)).toEqual([
      'synchronizationRules[0].objectMappings[0].attributeMappings[1].targetAttributeName',
      'synchronizationRules[0].objectMappings[0].attributeMappings[2].source',
    ]);
  });

  it('leaves a job that does not validate to the validator when the matching mapping was dropped', () => {
    const schema = schemaWith([{ source: { expression: '[mail]', type: 'Attribute' }, targetAttributeName: 'emails[type eq "work"].value' }]) as { synchronizationRules: { objectMappings: { attributeMappings: { source: unknown }[] }[] }[] };
    const first = schema.synchronizationRules[0]?.objectMappings[0]?.attributeMappings[0];
    if (first) first.source = { expression: 'ResolveManagerUpn([manager])', type: 'Function' };
    const { job } = importEntraSchema(schema);
    expect(() => validateJobDefinition(job)).toThrow(/matchingPriority > 0/);
  });

  it('refuses something that is no exported schema, naming the field', () => {
    expect(() => importEntraSchema({ objectMappings: [] })).toThrow(ValidationError);
    expect(() => importEntraSchema({ synchronizationRules: [] })).toThrow(/synchronizationRules: holds no synchronization rule/);
  });
});

describe('entraSourceExpression', () => {
  it.each<[string, unknown, string]>([
    ['an expression as written', { expression: ' Join(" ", [a]) ', type: 'Function' }, 'Join(" ", [a])'],
    ['an attribute', { name: 'mail', type: 'Attribute' }, '[mail]'],
    ['a constant, escaped', { name: 'say "hi" \\ bye', type: 'Constant' }, '"say \\"hi\\" \\\\ bye"'],
    ['a function in parameter order', { name: 'Join', type: 'Function', parameters: [{ key: 'separator', value: { name: ' ', type: 'Constant' } }, { key: 'source', value: { name: 'givenName', type: 'Attribute' } }] }, 'Join(" ", [givenName])'],
    ['FormatDateTime with its styles slot left empty', { name: 'FormatDateTime', type: 'Function', parameters: [{ key: 'source', value: { name: 'hireDate', type: 'Attribute' } }, { key: 'inputFormat', value: { name: 'yyyyMMdd', type: 'Constant' } }, { key: 'outputFormat', value: { name: 'yyyy-MM-dd', type: 'Constant' } }] }, 'FormatDateTime([hireDate], , "yyyyMMdd", "yyyy-MM-dd")'],
    ['nested functions', { name: 'Not', type: 'Function', parameters: [{ key: 'source', value: { name: 'IsNull', type: 'Function', parameters: [{ key: 'source', value: { name: 'mail', type: 'Attribute' } }] } }] }, 'Not(IsNull([mail]))'],
  ])('renders %s', (_name, source, expected) => {
    expect(entraSourceExpression(source as Parameters<typeof entraSourceExpression>[0])).toBe(expected);
  });
});
