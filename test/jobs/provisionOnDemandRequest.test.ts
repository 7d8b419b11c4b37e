import { ValidationError } from '../../src/domain/errors';
import { parseProvisionOnDemandRequest } from '../../src/engine/onDemand/provisionOnDemandRequest';
import { directoryJob, testJob } from '../support/jobFixtures';

const user = (objectId: string, objectTypeName = 'User') => ({ objectId, objectTypeName });
const body = (...subjects: unknown[]) => ({ parameters: [{ subjects, ruleId: 'ea807875-5618-4f0a-9125-0b46a05298ca' }] });

function issuesOf(input: unknown, job = directoryJob()): { path: string; message: string }[] {
  try {
    parseProvisionOnDemandRequest(input, job);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseProvisionOnDemandRequest (Graph provisionOnDemand body, reference §10.2)', () => {
  it("reads Graph's user example, the type in the job's spelling", () => {
    expect(parseProvisionOnDemandRequest(body(user('9bb0f679', 'user')), testJob())).toEqual({ subject: { objectType: 'User', sourceKey: '9bb0f679' }, members: [] });
  });

  it("reads Graph's group example: members default to User, a member named twice counts once", () => {
    const group = { objectId: 'g1', objectTypeName: 'Group', links: { members: [user('u1'), { objectId: 'u2' }, user('u1')] } };
    expect(parseProvisionOnDemandRequest({ parameters: [{ ruleId: '33f7c90d#V2', subjects: [group] }] }, directoryJob())).toEqual({
      subject: { objectType: 'Group', sourceKey: 'g1' },
      members: [
        { objectType: 'User', sourceKey: 'u1' },
        { objectType: 'User', sourceKey: 'u2' },
      ],
    });
  });

  it('accepts a body without ruleId, and links: null', () => {
    expect(parseProvisionOnDemandRequest({ parameters: [{ subjects: [{ ...user('u1'), links: null }] }] }, directoryJob()).subject.sourceKey).toBe('u1');
  });

  it.each<[string, unknown, string[]]>([
    ['no body fields', {}, ['parameters']],
    ['no parameters', { parameters: [] }, ['parameters']],
    ['two parameters', { parameters: [{ subjects: [user('a')] }, { subjects: [user('b')] }] }, ['parameters']],
    ['no subjects', { parameters: [{ subjects: [] }] }, ['parameters[0].subjects']],
    ['two subjects', body(user('a'), user('b')), ['parameters[0].subjects']],
    ['an empty objectId', body(user(' ')), ['parameters[0].subjects[0].objectId']],
    ['no objectTypeName', body({ objectId: 'a' }), ['parameters[0].subjects[0].objectTypeName']],
    ['six members', body({ objectId: 'g', objectTypeName: 'Group', links: { members: ['1', '2', '3', '4', '5', '6'].map((id) => user(id)) } }), ['parameters[0].subjects[0].links.members']],
    ['a member without objectId', body({ objectId: 'g', objectTypeName: 'Group', links: { members: [{ objectTypeName: 'User' }] } }), ['parameters[0].subjects[0].links.members[0].objectId']],
  ])('refuses %s, naming the field', (_name, input, paths) => {
    expect(issuesOf(input).map((i) => i.path)).toEqual(paths);
  });

  it('says what a missing list should hold', () => {
    expect(issuesOf({})[0]?.message).toMatch(/^is required: \[\{"subjects"/);
    expect(issuesOf({ parameters: [{}] })[0]?.message).toMatch(/^is required: \[\{"objectId"/);
  });

  it('refuses types the job does not map, and members of a user, all at once', () => {
    const issues = issuesOf(body({ objectId: 'u', objectTypeName: 'User', links: { members: [user('x', 'Device')] } }));
    expect(issues).toEqual([
      { path: 'parameters[0].subjects[0].links.members', message: 'only a group has members; this subject is a User' },
      { path: 'parameters[0].subjects[0].links.members[0].objectTypeName', message: '"Device" is not a source object this job maps; it maps "User", "Group"' },
    ]);
  });

  it('refuses a group on a job that maps only users', () => {
    expect(issuesOf(body(user('g', 'Group')), testJob())).toEqual([{ path: 'parameters[0].subjects[0].objectTypeName', message: '"Group" is not a source object this job maps; it maps "User"' }]);
  });
});
