import fc from 'fast-check';
import { ValidationError } from '../../../src/domain/errors';
import { formatScimFilter } from '../../../src/scim/filter/formatScimFilter';
import { matchesScimFilter } from '../../../src/scim/filter/matchesScimFilter';
import { parseScimFilter } from '../../../src/scim/filter/parseScimFilter';
import { COMPARE_OPERATORS, type FilterAttributePath, type ScimFilter } from '../../../src/scim/filter/scimFilter';

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/);
const urn = fc.constantFrom('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'urn:contoso:x', 'URN:a:b:1.0:User');
const literal = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

function attributePath(relative: boolean): fc.Arbitrary<FilterAttributePath> {
  if (relative) return name.map((attribute) => ({ attribute }));
  return fc.record({ schemaUrn: urn, attribute: name, subAttribute: name }, { requiredKeys: ['attribute'] });
}

/** Trees the parser can produce: value paths only at the outer level, with relative names inside. */
function filterTree(relative: boolean): fc.Arbitrary<ScimFilter> {
  return fc.letrec<{ node: ScimFilter }>((tie) => {
    const leaves: fc.Arbitrary<ScimFilter>[] = [
      fc.record({ kind: fc.constant('compare' as const), path: attributePath(relative), operator: fc.constantFrom(...COMPARE_OPERATORS), value: literal }),
      fc.record({ kind: fc.constant('present' as const), path: attributePath(relative) }),
    ];
    const branches: fc.Arbitrary<ScimFilter>[] = [
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('node') }),
    ];
    if (!relative) {
      branches.push(
        fc.record(
          { kind: fc.constant('valuePath' as const), path: fc.record({ schemaUrn: urn, attribute: name }, { requiredKeys: ['attribute'] }), filter: filterTree(true) },
        ),
      );
    }
    return { node: fc.oneof({ depthSize: 'small', maxDepth: 6 }, ...leaves, ...branches) };
  }).node;
}

describe('scim filter properties', () => {
  test('parse(format(tree)) equals tree', () => {
    fc.assert(
      fc.property(filterTree(false), (tree) => {
        expect(parseScimFilter(formatScimFilter(tree))).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });

  const tokens = fc.constantFrom(
    ' ', '(', ')', '[', ']', '"', '\\', '.', ':', 'urn:', 'a', 'emails', 'not', 'and', 'or', 'eq', 'pr', 'gt', 'co',
    '"x"', '1', '-1e5', 'true', 'null', '\\u00e9', 'value', 'Ü', '\t',
  );

  test('parse throws nothing but ValidationError (invalidFilter) on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(tokens, { maxLength: 40 }).map((t) => t.join(''))), (text) => {
        try {
          parseScimFilter(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).scimType).toBe('invalidFilter');
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('evaluating any parsed tree throws nothing but ValidationError', () => {
    const resource = { a: 'x', emails: [{ value: 'x', type: 'work', primary: true }], meta: { created: '2020-01-01T00:00:00Z' } };
    fc.assert(
      fc.property(filterTree(false), (tree) => {
        try {
          matchesScimFilter(resource, tree);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
