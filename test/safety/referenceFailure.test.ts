import { PermanentError } from '../../src/domain/errors';
import { reconcileObject, type ReconcileOutcome } from '../../src/engine/reconcileObject';
import { countLogEntries, REFERENCE_FAILURES } from '../../src/safety/countLogEntries';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { directoryJob } from '../support/jobFixtures';

function done(outcome: ReconcileOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected a log entry, got a retry: ${outcome.reason}`);
  return outcome.log;
}

/** Reference failures (§8.3: left out of the escrow thresholds) are told apart by the failed step's type. */
describe('reference failures', () => {
  const job = directoryJob();
  const setup = () => {
    const staging = new MemoryStagingStore();
    const target = new MemoryTargetConnector();
    const deps = { staging, connector: target, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => 'id' };
    const run = (objectType: string, sourceKey: string) => reconcileObject(deps, { job, objectType, sourceKey, cycleId: 'c', attempt: 1 });
    return { staging, target, run };
  };

  it('marks a failure in a group\'s member pass as a referenceResolution failure', async () => {
    const { staging, target, run } = setup();
    staging.put(job.id, 'User', 'u1', { id: 'u1', userName: 'u1@contoso.example', active: true, displayName: 'u1' });
    done(await run('User', 'u1'));
    staging.put(job.id, 'Group', 'g1', { id: 'g1', displayName: 'Group g1', members: [{ value: 'u1' }] });
    target.failNext('addMembers', new PermanentError('the target refused the member', { code: 'InvalidMember' }));
    const log = done(await run('Group', 'g1'));
    expect(log.provisioningSteps.at(-1)).toMatchObject({ name: 'EntrySynchronizationError', provisioningStepType: 'referenceResolution', status: 'failure' });
    expect(countLogEntries([log])).toEqual({ 'other.failure': 1, [REFERENCE_FAILURES]: 1 });
  });

  it('does not mark a failure of the group itself', async () => {
    const { staging, target, run } = setup();
    staging.put(job.id, 'Group', 'g1', { id: 'g1', displayName: 'Group g1', members: [] });
    target.failNext('create', new PermanentError('the target refused the group', { code: 'UnprocessableEntity' }));
    const log = done(await run('Group', 'g1'));
    expect(log.provisioningSteps.at(-1)).toMatchObject({ name: 'EntrySynchronizationError', provisioningStepType: 'processing' });
    expect(countLogEntries([log])).toEqual({ 'other.failure': 1 });
  });
});
