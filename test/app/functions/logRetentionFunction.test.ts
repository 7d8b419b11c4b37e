import { InvocationContext } from '@azure/functions';
import { logRetentionFunction } from '../../../src/app/functions/logRetentionFunction';
import type { ProvisioningLogEntry } from '../../../src/domain/provisioningLogEntry';
import { parseNcrontab } from '../../../src/scheduling/ncrontab';
import { createAzuriteServices } from '../../support/azuriteServices';
import { testJob } from '../../support/jobFixtures';

function entry(id: string, jobId: string, daysAgo: number, now: Date): ProvisioningLogEntry {
  return {
    id,
    activityDateTime: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
    jobId,
    cycleId: 'c',
    changeId: id,
    durationInMilliseconds: 1,
    provisioningAction: 'create',
    provisioningStatusInfo: { status: 'success', errorInformation: null },
    sourceSystem: { id: 'inboundApi', displayName: 'API', details: {} },
    targetSystem: { id: 'scim', displayName: 'SCIM', details: {} },
    sourceIdentity: { id, displayName: null, identityType: 'User', details: {} },
    targetIdentity: { id: `t${id}`, displayName: null, identityType: 'User', details: {} },
    modifiedProperties: [],
    provisioningSteps: [],
    initiatedBy: { id: '', displayName: 'idbridge', initiatorType: 'system' },
  };
}

describe('logRetention timer (Azurite)', () => {
  it('has a valid daily schedule', () => {
    expect(() => parseNcrontab(logRetentionFunction.schedule)).not.toThrow();
  });

  it("deletes each job's entries older than its retention, keeping the rest", async () => {
    const { services } = await createAzuriteServices();
    const now = new Date('2026-11-21T12:00:00Z');
    const base = testJob({ id: 'keep30' });
    await services.jobs.upsert(base);
    await services.jobs.upsert(testJob({ id: 'keep7', settings: { maxAttempts: 3, logRetentionInDays: 7 } }));
    await services.logs.append([0, 6, 8, 29, 31, 200].map((d) => entry(`a${d}`, 'keep30', d, now)));
    await services.logs.append([0, 6, 8, 29].map((d) => entry(`b${d}`, 'keep7', d, now)));

    await logRetentionFunction.create({ ...services, now: () => now })(new InvocationContext({ logHandler: () => {} }));

    const ids = async (jobId: string) => (await services.logs.list(jobId, { pageSize: 100 })).entries.map((e) => e.id).sort();
    expect(await ids('keep30')).toEqual(['a0', 'a29', 'a6', 'a8']);
    expect(await ids('keep7')).toEqual(['b0', 'b6']);
  });
});
