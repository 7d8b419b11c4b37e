import type { JobState } from '../../src/domain/jobState';
import { initialJobState } from '../../src/domain/jobState';
import { releaseStagedDeletes } from '../../src/safety/releaseStagedDeletes';
import { safetyHarness } from './support/safetyHarness';

function inCycle(jobId: string, cycleId: string): JobState {
  return {
    ...initialJobState(jobId),
    code: 'Active',
    cycle: { cycleId, kind: 'incremental', began: '2026-11-21T10:00:00.000Z', pagesDone: 1, objectsRead: 0, objectsQueued: 0, objectsDeleted: 0, phase: 'import' },
  };
}

/** Five users provisioned, then four deleted in the source and one turned off: five deletions in cycle c1. */
async function fiveDeletions(threshold: number) {
  const h = await safetyHarness({ accidentalDeletionThreshold: threshold });
  const keys = ['1', '2', '3', '4', '5', '6'];
  for (const key of keys) await h.stage(key);
  expect(await h.handle(h.message(keys, { cycleId: 'c0' }))).toMatchObject({ logged: 6 });
  expect(h.target.objects.size).toBe(6);
  const written = await h.services.jobStates.put(inCycle(h.job.id, 'c1'), (await h.services.jobStates.get(h.job.id)).etag);
  if (written === 'conflict') throw new Error('job state changed');
  for (const key of ['1', '2', '3', '4']) await h.services.staging.markDeleted(h.job.id, 'User', key, h.clock.now.toISOString());
  await h.stage('5', { active: false });
  return { h, keys: ['1', '2', '3', '4', '5'] };
}

describe('the accidental-deletion threshold (reference/entra-engine.md §9), end to end on Azurite', () => {
  it('sends the first threshold - 1 deletes and disables of a cycle, holds the rest as StagedDelete, and quarantines the job with TooManyDeletes', async () => {
    const { h, keys } = await fiveDeletions(3);
    h.target.calls.length = 0;
    expect(await h.handle(h.message(keys))).toMatchObject({ logged: 5, retried: 0 });

    const entries = (await h.logs()).filter((e) => e.cycleId === 'c1');
    const sent = entries.filter((e) => e.provisioningAction === 'delete' || e.provisioningAction === 'disable');
    const held = entries.filter((e) => e.provisioningAction === 'stagedDelete');
    expect(sent).toHaveLength(2);
    expect(sent.every((e) => e.provisioningStatusInfo.status === 'success')).toBe(true);
    expect(held).toHaveLength(3);
    for (const entry of held) {
      expect(entry.provisioningStatusInfo).toMatchObject({ status: 'skipped', errorInformation: { errorCode: 'TooManyDeletes' } });
      expect(entry.targetIdentity.id).not.toBe('');
    }
    // Nothing was sent for the held ones: two writes reached the target.
    expect(h.target.calls.filter((c) => c === 'delete' || c === 'update')).toHaveLength(2);
    expect(h.target.objects.size).toBe(6 - sent.filter((e) => e.provisioningAction === 'delete').length);

    const { state } = await h.services.jobStates.get(h.job.id);
    expect(state.code).toBe('Quarantine');
    expect(state.quarantine).toMatchObject({ reason: 'TooManyDeletes', cycleId: 'c1', seriesCount: 0, error: { code: 'TooManyDeletes', message: expect.stringContaining('threshold of 3') } });
    expect(state.cycle?.cycleId).toBe('c1');

    const records = await h.services.stagedDeletes.list(h.job.id);
    expect(records.map((r) => r.sourceKey).sort()).toEqual(held.map((e) => e.sourceIdentity.id).sort());
    for (const record of records) expect(record).toMatchObject({ action: record.sourceKey === '5' ? 'disable' : 'delete', cycleId: 'c1', targetId: targetIdOf(entries, record.sourceKey) });
    expect(await h.services.cycleCounters.sum(h.job.id, 'c1')).toEqual({ ...Object.fromEntries(countBy(sent.map((e) => `${e.provisioningAction}.success`))), 'stagedDelete.skipped': 3 });
  });

  it('holds every delete while the TooManyDeletes quarantine lasts, in any cycle', async () => {
    const { h, keys } = await fiveDeletions(3);
    await h.handle(h.message(keys));
    await h.services.staging.markDeleted(h.job.id, 'User', '6', h.clock.now.toISOString());
    const { state, etag } = await h.services.jobStates.get(h.job.id);
    await h.services.jobStates.put({ ...inCycle(h.job.id, 'c2'), quarantine: state.quarantine, code: state.code }, etag);
    // Cycle c2 has reserved nothing, yet the delete is held: the operator has not decided yet.
    await h.handle(h.message(['6'], { cycleId: 'c2' }));
    expect((await h.logs()).find((e) => e.cycleId === 'c2')?.provisioningAction).toBe('stagedDelete');
    expect(h.target.objects.has(targetIdOf(await h.logs(), '6'))).toBe(true);
    expect((await h.services.stagedDeletes.list(h.job.id)).map((r) => r.sourceKey)).toContain('6');
  });

  it('applies the held deletes once approved: releaseStagedDeletes re-enqueues them with forceDelete and forgets them', async () => {
    const { h, keys } = await fiveDeletions(3);
    await h.handle(h.message(keys));
    const heldKeys = (await h.services.stagedDeletes.list(h.job.id)).map((r) => r.sourceKey).sort();
    h.takeSent();

    const released = await releaseStagedDeletes(h.services, h.job.id);
    expect(released).toEqual({ released: 3, cycleId: expect.any(String) });
    const approvals = h.takeSent();
    expect(approvals).toEqual([{ message: { kind: 'reconcile', jobId: h.job.id, objectType: 'User', sourceKeys: expect.any(Array), cycleId: released.cycleId, attempt: 1, forceDelete: true } }]);
    expect([...(approvals[0]?.message.sourceKeys ?? [])].sort()).toEqual(heldKeys);
    expect(await h.services.stagedDeletes.list(h.job.id)).toEqual([]);

    // The quarantine is still on (the restart lifts it, not this): approved deletes pass all the same.
    await h.handle(approvals[0]?.message ?? h.message([]));
    const applied = (await h.logs()).filter((e) => e.cycleId === released.cycleId);
    expect(applied.map((e) => e.provisioningAction).sort()).toEqual(heldKeys.map((k) => (k === '5' ? 'disable' : 'delete')).sort());
    expect(applied.every((e) => e.provisioningStatusInfo.status === 'success')).toBe(true);
    // Users 1-4 are gone, 5 is disabled, 6 untouched.
    expect(h.target.objects.size).toBe(2);
    expect([...h.target.objects.values()].map((o) => [o.externalId, o.active]).sort()).toEqual([
      ['5', false],
      ['6', true],
    ]);
    expect(await releaseStagedDeletes(h.services, h.job.id)).toEqual({ released: 0 });
  });

  it('reconciles an approved object as it is now: one back in scope since it was held is not deleted', async () => {
    const { h, keys } = await fiveDeletions(2);
    await h.handle(h.message(keys));
    const held = (await h.services.stagedDeletes.list(h.job.id)).map((r) => r.sourceKey);
    const back = held.find((k) => k !== '5') ?? '';
    await h.stage(back);
    await releaseStagedDeletes(h.services, h.job.id);
    const [approval] = h.takeSent().slice(-1);
    await h.handle(approval?.message ?? h.message([]));
    expect([...h.target.objects.values()].some((o) => o.externalId === back)).toBe(true);
  });

  it('lets every delete through when the job turned the threshold off (0)', async () => {
    const { h, keys } = await fiveDeletions(0);
    await h.handle(h.message(keys));
    expect((await h.logs()).filter((e) => e.provisioningAction === 'stagedDelete')).toEqual([]);
    expect(h.target.objects.size).toBe(2);
    expect((await h.services.jobStates.get(h.job.id)).state.quarantine).toBeUndefined();
  });
});

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function targetIdOf(entries: readonly { sourceIdentity: { id: string }; targetIdentity: { id: string } }[], sourceKey: string): string {
  return entries.find((e) => e.sourceIdentity.id === sourceKey && e.targetIdentity.id !== '')?.targetIdentity.id ?? '';
}
