import type { JobDefinition } from '../../src/domain/jobDefinition';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';

/** A small valid job: externalId then userName for matching, a few attributes, a default and an add-only. */
export function testJob(overrides: Partial<Record<string, unknown>> = {}, mappingOverrides: Partial<Record<string, unknown>> = {}): JobDefinition {
  return validateJobDefinition({
    id: 'job1',
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl: 'http://target.example/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_TEST' },
    settings: { maxAttempts: 3 },
    objectMappings: [
      {
        name: 'users',
        sourceObjectName: 'User',
        attributeMappings: [
          { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
          { source: { expression: '[userName]' }, targetAttributeName: 'userName', matchingPriority: 2 },
          { source: { expression: '[active]' }, targetAttributeName: 'active' },
          { source: { expression: '[name.givenName]' }, targetAttributeName: 'name.givenName' },
          { source: { expression: 'Join(" ", [name.givenName], [name.familyName])' }, targetAttributeName: 'displayName' },
          { source: { expression: '[emails[type eq "work"].value]' }, targetAttributeName: 'emails[type eq "work"].value' },
          { source: { expression: '[urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department]' }, targetAttributeName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', defaultValue: 'Unassigned' },
          { source: { expression: '"HR"' }, targetAttributeName: 'title', flowType: 'ObjectAddOnly' },
        ],
        ...mappingOverrides,
      },
    ],
    ...overrides,
  });
}

/** A job reading the built-in directory (source {type: "scim"}): users as Entra maps them, and groups with members. */
export function directoryJob(baseUrl = 'http://target.example/scim/v2', id = 'dir1'): JobDefinition {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return validateJobDefinition({
    id,
    source: { type: 'scim' },
    target: { type: 'scim', baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_TEST' },
    settings: { maxAttempts: 3 },
    objectMappings: [
      {
        name: 'users',
        sourceObjectName: 'User',
        attributeMappings: [
          attr('[userName]', 'userName', 1),
          attr('[id]', 'externalId'),
          attr('[active]', 'active'),
          attr('[displayName]', 'displayName'),
        ],
      },
      {
        name: 'groups',
        sourceObjectName: 'Group',
        targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        attributeMappings: [attr('[displayName]', 'displayName', 1), attr('[id]', 'externalId'), attr('[members]', 'members')],
      },
    ],
  });
}
