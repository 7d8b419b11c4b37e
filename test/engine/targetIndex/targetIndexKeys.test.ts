import type { JsonObject, JsonValue } from '../../../src/domain/identityObject';
import { PermanentError } from '../../../src/domain/errors';
import { indexedAttributeName } from '../../../src/engine/targetIndex/indexedNames';
import { matchingValuesOf } from '../../../src/engine/targetIndex/matchingValuesOf';
import { normalizeMatchingValue } from '../../../src/engine/targetIndex/normalizeMatchingValue';
import { decodeTargetIndexCursor, encodeTargetIndexCursor, startTargetIndex } from '../../../src/engine/targetIndex/targetIndexCursor';
import { targetIndexPlan } from '../../../src/engine/targetIndex/targetIndexPlan';
import { parseScimPath } from '../../../src/scim/scimPath';
import { testJob } from '../../support/jobFixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('normalizeMatchingValue: values compare as a SCIM eq filter compares them', () => {
  const cases: [string, JsonValue, string | undefined][] = [
    ['userName', 'Ada.Lovelace@Contoso.example', 'ada.lovelace@contoso.example'], // caseExact false (RFC 7643 §4.1.1)
    ['externalId', 'AbC-1', 'AbC-1'], // caseExact true (§3.1)
    ['id', 'ABC', 'ABC'],
    ['displayName', 'Sales Team', 'sales team'],
    ['emails[type eq "work"].value', 'A@B.example', 'a@b.example'],
    [`${ENTERPRISE}:employeeNumber`, '00A7', '00a7'],
    ['active', 'True', 'true'], // Entra's boolean strings
    ['active', true, 'true'],
    ['active', false, 'false'],
    ['active', 'yes', 'yes'],
    ['employeeCount', 42, '42'],
    ['userName', '', undefined],
    ['userName', null, undefined],
    ['userName', { value: 'x' }, undefined],
    ['userName', ['x'], undefined],
  ];
  test.each(cases)('%s %j → %j', (path, value, expected) => {
    expect(normalizeMatchingValue(parseScimPath(path), value)).toBe(expected);
  });

  it('gives a source value and the target value it should match the same key', () => {
    const path = parseScimPath('userName');
    expect(normalizeMatchingValue(path, 'ADA@contoso.example')).toBe(normalizeMatchingValue(path, 'ada@Contoso.Example'));
    const exact = parseScimPath('externalId');
    expect(normalizeMatchingValue(exact, 'w-1')).not.toBe(normalizeMatchingValue(exact, 'W-1'));
  });
});

describe('matchingValuesOf: every value a filtered GET would find the object by', () => {
  const user: JsonObject = {
    id: 'u1',
    UserName: 'Ada@Contoso.example',
    externalId: 'W1',
    emails: [
      { type: 'work', value: 'Ada@Work.example' },
      { type: 'home', value: 'ada@home.example' },
      { type: 'work', value: 'ADA@work.example' },
      { type: 'work', value: 'second@work.example' },
    ],
    [ENTERPRISE]: { employeeNumber: 'E-7' },
    [`${ENTERPRISE}:costCenter`]: 'CC-1',
  };
  const cases: [string, string[]][] = [
    ['userName', ['ada@contoso.example']], // attribute names are case-insensitive
    ['externalId', ['W1']],
    ['emails.value', ['ada@work.example', 'ada@home.example', 'second@work.example']], // repeats folded
    ['emails[type eq "work"].value', ['ada@work.example', 'second@work.example']], // every selected element
    [`${ENTERPRISE}:employeeNumber`, ['e-7']],
    [`${ENTERPRISE}:costCenter`, ['cc-1']], // a flat URN key, as some targets send it
    ['title', []],
    ['emails', []], // complex values are no match keys
  ];
  test.each(cases)('%s', (path, expected) => {
    expect(matchingValuesOf(user, parseScimPath(path))).toEqual(expected);
  });
});

describe('targetIndexPlan', () => {
  it('indexes every matching attribute of each enabled mapping\'s target type, once, under a normalised name', () => {
    const job = testJob({
      objectMappings: [
        {
          name: 'a',
          sourceObjectName: 'User',
          targetObjectName: 'User',
          attributeMappings: [
            { source: { expression: '[userName]' }, targetAttributeName: 'userName', matchingPriority: 2 },
            { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
            { source: { expression: '[displayName]' }, targetAttributeName: 'displayName' },
          ],
        },
        {
          name: 'b',
          sourceObjectName: 'Worker',
          targetObjectName: 'user',
          attributeMappings: [
            { source: { expression: '[userName]' }, targetAttributeName: 'urn:ietf:params:scim:schemas:core:2.0:User:UserName', matchingPriority: 1 },
            { source: { expression: '[mail]' }, targetAttributeName: 'emails[type eq "work"].value', matchingPriority: 2 },
          ],
        },
        { name: 'c', sourceObjectName: 'Team', targetObjectName: 'Group', attributeMappings: [{ source: { expression: '[x]' }, targetAttributeName: 'displayName', matchingPriority: 1 }] },
        { name: 'd', enabled: false, sourceObjectName: 'Other', targetObjectName: 'Device', attributeMappings: [{ source: { expression: '[x]' }, targetAttributeName: 'name', matchingPriority: 1 }] },
      ],
    });
    expect(targetIndexPlan(job).map((t) => ({ targetType: t.targetType, key: t.key, attributes: t.attributes.map((a) => a.name) }))).toEqual([
      { targetType: 'User', key: 'user', attributes: ['externalid', 'username', 'emails[type eq "work"].value'] },
      { targetType: 'Group', key: 'group', attributes: ['displayname'] },
    ]);
    expect(indexedAttributeName('urn:ietf:params:scim:schemas:core:2.0:User:UserName')).toBe(indexedAttributeName('userName'));
  });
});

describe('targetIndexCursor', () => {
  const plan = targetIndexPlan(testJob());

  it('round-trips progress and ends when every type is read', () => {
    const progress = startTargetIndex(plan);
    const first = encodeTargetIndexCursor(progress);
    expect(first).toBeDefined();
    expect([...decodeTargetIndexCursor(first ?? '', plan)]).toEqual([['urn:ietf:params:scim:schemas:core:2.0:user', null]]);
    progress.set('urn:ietf:params:scim:schemas:core:2.0:user', '101');
    expect([...decodeTargetIndexCursor(encodeTargetIndexCursor(progress) ?? '', plan)]).toEqual([['urn:ietf:params:scim:schemas:core:2.0:user', '101']]);
    progress.clear();
    expect(encodeTargetIndexCursor(progress)).toBeUndefined();
  });

  it('drops types the job no longer maps and rejects what is not a cursor', () => {
    expect([...decodeTargetIndexCursor('{"next":{"group":null}}', plan)]).toEqual([]);
    for (const bad of ['101', '{"next":[1]}', '{"next":{"urn:ietf:params:scim:schemas:core:2.0:user":7}}', 'null']) {
      expect(() => decodeTargetIndexCursor(bad, plan)).toThrow(PermanentError);
    }
  });
});
