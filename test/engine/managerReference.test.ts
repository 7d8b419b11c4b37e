import { compileObjectMapping } from '../../src/engine/compiledMapping';
import { isManagerReference, MANAGER_ATTRIBUTE } from '../../src/engine/managerReference';
import { readReferenceKey, toReferenceKey, type ReferenceKey } from '../../src/engine/readReferenceKey';
import type { JsonObject } from '../../src/domain/identityObject';
import { testJob } from '../support/jobFixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('isManagerReference', () => {
  it.each([
    ['manager', true],
    ['manager.value', true],
    ['Manager.Value', true],
    [`${ENTERPRISE}:manager`, true],
    [`${ENTERPRISE}:manager.value`, true],
    [`${ENTERPRISE.toUpperCase()}:MANAGER`, true],
    [`${ENTERPRISE}:manager.displayName`, false],
    ['manager.displayName', false],
    [`${ENTERPRISE}:department`, false],
    ['urn:ietf:params:scim:schemas:extension:contoso:1.0:User:manager', false],
    ['managerId', false],
    ['emails[type eq "work"].value', false],
    ['not a [path', false],
  ])('%s → %s', (name, expected) => {
    expect(isManagerReference(name)).toBe(expected);
  });
});

describe('toReferenceKey', () => {
  it.each<[string, Parameters<typeof toReferenceKey>[0], ReferenceKey]>([
    ['an id', 'w-17', { kind: 'key', key: 'w-17' }],
    ['a numeric id', 89607, { kind: 'key', key: '89607' }],
    ['{value}', { value: 'w-17', displayName: 'Boss' }, { kind: 'key', key: 'w-17' }],
    ['a one-element list', ['w-17'], { kind: 'key', key: 'w-17' }],
    ['NULL', null, { kind: 'none' }],
    ['an empty list', [], { kind: 'none' }],
    ['several values', ['a', 'b'], { kind: 'none' }],
    ['a boolean', true, { kind: 'none' }],
    ['an object without value', { displayName: 'Boss' }, { kind: 'none' }],
    ['""', '', { kind: 'clear' }],
    ['{value: ""}', { value: '' }, { kind: 'clear' }],
  ])('%s', (_name, value, expected) => {
    expect(toReferenceKey(value)).toEqual(expected);
  });
});

describe('manager mappings compile as references', () => {
  const job = testJob({}, {
    attributeMappings: [
      { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
      { source: { expression: `[${ENTERPRISE}:manager]` }, targetAttributeName: 'manager' },
      { source: { expression: `[${ENTERPRISE}:manager.displayName]` }, targetAttributeName: `${ENTERPRISE}:manager.displayName` },
    ],
  });
  const mapping = job.objectMappings[0];
  if (!mapping) throw new Error('testJob has a mapping');
  const compiled = compileObjectMapping(mapping);
  const env = { now: new Date('2026-11-21T10:00:00Z'), random: () => 0.5, defaultDomain: null };

  it('takes the manager out of the plain attributes and writes it at the enterprise manager', () => {
    expect(compiled.attributes.map((a) => a.mapping.targetAttributeName)).toEqual(['externalId', `${ENTERPRISE}:manager.displayName`]);
    expect(compiled.references.map((a) => a.mapping.targetAttributeName)).toEqual(['manager']);
    expect(compiled.references[0]?.targetPath).toEqual({ schemaUrn: ENTERPRISE, attribute: 'manager' });
    expect(MANAGER_ATTRIBUTE).toBe(`${ENTERPRISE}:manager`);
  });

  it('reads the manager key from the source, complex or plain', () => {
    const reference = compiled.references[0];
    if (!reference) throw new Error('compiled above');
    const read = (source: JsonObject) => readReferenceKey(reference, source, env);
    expect(read({ [ENTERPRISE]: { manager: { value: 'w-1', displayName: 'Boss' } } })).toEqual({ kind: 'key', key: 'w-1' });
    expect(read({ [ENTERPRISE]: { manager: 'w-2' } })).toEqual({ kind: 'key', key: 'w-2' });
    expect(read({ [ENTERPRISE]: { manager: { value: '' } } })).toEqual({ kind: 'clear' });
    expect(read({ [ENTERPRISE]: {} })).toEqual({ kind: 'none' });
  });

  it('leaves group mappings alone: a group has no manager', () => {
    const groups = testJob({}, { targetObjectName: 'Group', attributeMappings: [
      { source: { expression: '[displayName]' }, targetAttributeName: 'displayName', matchingPriority: 1 },
      { source: { expression: '[manager]' }, targetAttributeName: 'manager' },
    ] }).objectMappings[0];
    if (!groups) throw new Error('testJob has a mapping');
    const compiledGroups = compileObjectMapping(groups);
    expect(compiledGroups.references).toEqual([]);
    expect(compiledGroups.attributes.map((a) => a.mapping.targetAttributeName)).toEqual(['displayName', 'manager']);
  });
});
