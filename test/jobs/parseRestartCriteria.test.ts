import { ValidationError } from '../../src/domain/errors';
import { parseRestartCriteria, type ResetScopeFlag } from '../../src/jobs/parseRestartCriteria';

const scopeOf = (body: unknown): ResetScopeFlag[] => [...parseRestartCriteria(body).resetScope].sort();

function issuesOf(body: unknown): { path: string; message: string }[] {
  try {
    parseRestartCriteria(body);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseRestartCriteria (Graph synchronizationJobRestartCriteria, reference §5.6)', () => {
  const DEFAULT = ['Escrows', 'QuarantineState', 'Watermark'];
  it.each<[string, unknown, string[]]>([
    ['no body', undefined, DEFAULT],
    ['an empty object', {}, DEFAULT],
    ['null criteria', { criteria: null }, DEFAULT],
    ['no resetScope', { criteria: {} }, DEFAULT],
    ['an empty resetScope', { criteria: { resetScope: '' } }, DEFAULT],
    ['only separators', { criteria: { resetScope: ' , ' } }, DEFAULT],
    ["Graph's example, with spaces", { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } }, DEFAULT],
    ['one value', { criteria: { resetScope: 'Watermark' } }, ['Watermark']],
    ['any case', { criteria: { resetScope: 'forcedeletes,ESCROWS' } }, ['Escrows', 'ForceDeletes']],
    ['Full is all but ForceDeletes', { criteria: { resetScope: 'Full' } }, ['ConnectorDataStore', 'Escrows', 'QuarantineState', 'Watermark']],
    ['Full with ForceDeletes', { criteria: { resetScope: 'Full,ForceDeletes' } }, ['ConnectorDataStore', 'Escrows', 'ForceDeletes', 'QuarantineState', 'Watermark']],
    ['a value twice', { criteria: { resetScope: 'Escrows,Escrows' } }, ['Escrows']],
    ['OData annotations', { '@odata.type': 'x', criteria: { '@odata.type': '#microsoft.graph.synchronizationJobRestartCriteria', resetScope: 'ConnectorDataStore' } }, ['ConnectorDataStore']],
  ])('%s', (_name, body, expected) => {
    expect(scopeOf(body)).toEqual(expected);
  });

  it('refuses None and says to call /start', () => {
    expect(issuesOf({ criteria: { resetScope: 'None' } })).toEqual([{ path: 'criteria.resetScope', message: expect.stringMatching(/\/start/) }]);
  });

  it('names every unknown value and unknown field at once', () => {
    const issues = issuesOf({ critera: {}, criteria: { resetScope: 'Watermark,Anchors,Escrow', scope: 'x' } });
    expect(issues.map((i) => i.path)).toEqual(['critera', 'criteria.scope', 'criteria.resetScope', 'criteria.resetScope']);
    expect(issues[2]?.message).toMatch(/"Anchors" is not a reset scope; use Watermark, Escrows/);
    expect(issues[3]?.message).toMatch(/"Escrow" is not a reset scope/);
  });

  it.each<[unknown, string]>([
    [[], 'body'],
    ['Watermark', 'body'],
    [{ criteria: 'Watermark' }, 'criteria'],
    [{ criteria: { resetScope: ['Watermark'] } }, 'criteria.resetScope'],
    [{ criteria: { resetScope: 3 } }, 'criteria.resetScope'],
  ])('refuses the wrong JSON type %j at %s', (body, path) => {
    expect(issuesOf(body).map((i) => i.path)).toEqual([path]);
  });
});
