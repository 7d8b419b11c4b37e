import type { TargetObject } from '../src/connectors/targetConnector';
import { validateJobDefinition } from '../src/app/validateJobDefinition';
import type { JsonObject } from '../src/domain/identityObject';
import { compileObjectMapping } from '../src/engine/compiledMapping';
import { evaluateScope } from '../src/engine/evaluateScope';
import { planChange } from '../src/engine/planChange';
import { fixedEnvironment } from '../src/expressions/evaluationEnvironment';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** 15 mappings, 5 of them expressions, and a two-group scoping filter: a typical HR-to-app job. */
export const benchJob = validateJobDefinition({
  id: 'engine-bench',
  source: { type: 'inboundApi' },
  target: { type: 'scim', baseUrl: 'https://app.example/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_BENCH' },
  objectMappings: [
    {
      name: 'users',
      attributeMappings: [
        { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
        { source: { expression: '[userName]' }, targetAttributeName: 'userName', matchingPriority: 2 },
        { source: { expression: '[name.givenName]' }, targetAttributeName: 'name.givenName' },
        { source: { expression: '[name.familyName]' }, targetAttributeName: 'name.familyName' },
        { source: { expression: '[title]' }, targetAttributeName: 'title' },
        { source: { expression: '[userType]' }, targetAttributeName: 'userType' },
        { source: { expression: `[${ENTERPRISE}:department]` }, targetAttributeName: `${ENTERPRISE}:department` },
        { source: { expression: `[${ENTERPRISE}:costCenter]` }, targetAttributeName: `${ENTERPRISE}:costCenter` },
        { source: { expression: '[addresses[type eq "work"].locality]' }, targetAttributeName: 'addresses[type eq "work"].locality' },
        { source: { expression: '[phoneNumbers[type eq "work"].value]' }, targetAttributeName: 'phoneNumbers[type eq "work"].value' },
        { source: { expression: 'Join(" ", [name.givenName], [name.familyName])' }, targetAttributeName: 'displayName' },
        { source: { expression: 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [name.givenName], [name.familyName]))), "contoso.com"), )' }, targetAttributeName: 'emails[type eq "work"].value' },
        { source: { expression: 'Switch([addresses[type eq "work"].country], "Other", "US", "United States", "UK", "United Kingdom", "DE", "Germany")' }, targetAttributeName: 'addresses[type eq "work"].country' },
        { source: { expression: 'Not([IsSoftDeleted])' }, targetAttributeName: 'active' },
        { source: { expression: 'Replace([phoneNumbers[type eq "work"].value], , "[()\\\\s-]+", , "", , )' }, targetAttributeName: 'phoneNumbers[type eq "mobile"].value' },
      ],
      scope: {
        groups: [
          { clauses: [{ sourceOperandName: 'userType', operatorName: 'EQUALS', targetOperand: { values: ['Employee'] } }] },
          { clauses: [{ sourceOperandName: 'userName', operatorName: 'REGEX MATCH', targetOperand: { values: ['.*@contoso\\.com$'] } }] },
        ],
      },
    },
  ],
});

export function benchSource(i: number): JsonObject {
  const first = ['Zoë', 'Ana', 'Björn', 'Li', 'Omar'][i % 5] ?? 'A';
  return {
    externalId: String(100000 + i),
    userName: `user${i}@contoso.com`,
    active: i % 17 !== 0,
    userType: i % 3 === 0 ? 'Contractor' : 'Employee',
    title: 'Engineer',
    name: { givenName: first, familyName: `Family${i % 977}` },
    addresses: [{ type: 'work', locality: 'Chicago', country: ['US', 'UK', 'DE', 'FR'][i % 4] ?? 'US' }],
    phoneNumbers: [{ type: 'work', value: `+1 (312) 555-${String(i % 10000).padStart(4, '0')}` }],
    [ENTERPRISE]: { department: `Dept${i % 40}`, costCenter: `CC${i % 90}` },
  };
}

export interface EngineResult {
  scenario: 'engine';
  objects: number;
  seconds: number;
  /** Median of five rounds. */
  objectsPerSecond: number;
  slowestRound: number;
  fastestRound: number;
  decisions: Record<string, number>;
}

/**
 * engine: objects per second through scope + map + plan on one core (no I/O), half of them new (create)
 * and half against a target object that differs in one attribute (update), as an initial and an
 * incremental cycle would see them.
 */
export function engineBench(objects: number): EngineResult {
  const compiled = compileObjectMapping(benchJob.objectMappings[0] ?? (() => { throw new Error('no mapping'); })());
  const env = fixedEnvironment(new Date('2026-11-21T00:00:00Z'));
  const sources = Array.from({ length: 1000 }, (_, i) => benchSource(i));
  const targets: (TargetObject | undefined)[] = sources.map((s, i) => {
    if (i % 2 === 0) return undefined;
    const plan = planChange(compiled, s, undefined, env);
    if (plan.action !== 'create') return undefined;
    return { id: `t${i}`, data: { ...plan.resource, title: 'Old title' } };
  });
  const decisions: Record<string, number> = {};
  const run = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const s = sources[i % sources.length] as JsonObject;
      const scope = evaluateScope(compiled.objectMapping.scope, s);
      const decision = planChange(compiled, s, targets[i % targets.length], env, { inScope: scope.inScope, skipOutOfScopeDeletions: false });
      decisions[decision.action] = (decisions[decision.action] ?? 0) + 1;
    }
  };
  run(50000); // warm up the JIT (optimised code, a grown young generation)
  for (const key of Object.keys(decisions)) delete decisions[key];
  // Five timed rounds; the median resists the VM's noise (single fresh rounds here vary by +-25%).
  const rounds: number[] = [];
  let seconds = 0;
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    run(Math.ceil(objects / 5));
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    seconds += elapsed;
    rounds.push(Math.ceil(objects / 5) / elapsed);
  }
  rounds.sort((a, b) => a - b);
  return { scenario: 'engine', objects, seconds, objectsPerSecond: rounds[2] ?? 0, slowestRound: rounds[0] ?? 0, fastestRound: rounds[4] ?? 0, decisions };
}
