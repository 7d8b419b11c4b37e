import type { ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus } from '../../../src/domain/provisioningLogEntry';
import { ValidationError } from '../../../src/domain/errors';
import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableProvisioningLogStore } from '../../../src/state/tables/tableProvisioningLogStore';
import { testStorageConnection, uniqueName } from '../../support/names';

function entry(jobId: string, n: number, status: ProvisioningStatus = 'success', action: ProvisioningAction = 'create', sourceId = `src-${n}`): ProvisioningLogEntry {
  const identity = { id: sourceId, displayName: null, identityType: 'User', details: {} };
  return {
    id: `e${n}`,
    activityDateTime: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    jobId,
    cycleId: 'c1',
    changeId: `ch${n}`,
    durationInMilliseconds: 5,
    provisioningAction: action,
    provisioningStatusInfo: { status, errorInformation: null },
    sourceSystem: { id: 'hr', displayName: 'HR', details: {} },
    targetSystem: { id: 'scim', displayName: 'SCIM', details: {} },
    sourceIdentity: identity,
    targetIdentity: { ...identity, id: `t-${n}` },
    modifiedProperties: [],
    provisioningSteps: [],
    initiatedBy: { id: 'idbridge', displayName: 'idbridge', initiatorType: 'system' },
  };
}

describe('TableProvisioningLogStore (Azurite)', () => {
  let store: TableProvisioningLogStore;

  beforeAll(async () => {
    const table = await new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') }).getTableClient('Logs');
    store = new TableProvisioningLogStore(table);
  });

  it('lists newest first, whatever the order of appending', async () => {
    await store.append([entry('order', 2), entry('order', 5), entry('order', 1), entry('other', 9)]);
    await store.append([entry('order', 3)]);
    const page = await store.list('order');
    expect(page.entries.map((e) => e.id)).toEqual(['e5', 'e3', 'e2', 'e1']);
    expect(page.continuationToken).toBeUndefined();
    expect(page.entries[0]).toEqual(entry('order', 5));
  });

  it('appends more than one transaction of entries across jobs, and counts them', async () => {
    const entries = Array.from({ length: 250 }, (_, i) => entry(i % 2 === 0 ? 'bulkA' : 'bulkB', i));
    await store.append(entries);
    expect(await store.count('bulkA')).toBe(125);
    expect(await store.count('bulkB')).toBe(125);
    expect(await store.count('nothing')).toBe(0);
  });

  it('spreads a job over one partition per minute yet lists, pages, counts and deletes across them in time order', async () => {
    const at = (n: number): ProvisioningLogEntry => ({ ...entry('minutes', n), activityDateTime: new Date(Date.UTC(2026, 0, 1) + n * 25_000).toISOString() });
    // 40 entries 25 s apart span 17 minutes; jobs whose ids extend this one's must not leak into it.
    await store.append([...Array.from({ length: 40 }, (_, i) => at(i)), entry('minutes.x', 1), entry('minutes-1', 2)]);
    const ids: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await store.list('minutes', { pageSize: 7, ...(continuationToken ? { continuationToken } : {}) });
      ids.push(...page.entries.map((e) => e.id));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `e${39 - i}`));
    expect(await store.count('minutes', at(20).activityDateTime)).toBe(20); // at or after entry 20
    // Entry 21 is 25 s into its minute, after entry 20 in the same minute: the boundary falls inside a
    // partition, so entry 20 goes and entry 21 stays.
    const boundary = new Date(Date.parse(at(21).activityDateTime) - 1).toISOString();
    expect(await store.deleteOlderThan('minutes', boundary)).toBe(21);
    expect((await store.list('minutes', { pageSize: 100 })).entries.map((e) => e.id)).toEqual(Array.from({ length: 19 }, (_, i) => `e${39 - i}`));
    expect(await store.count('minutes.x')).toBe(1);
  });

  it('is idempotent when an append is retried', async () => {
    await store.append([entry('retry', 1), entry('retry', 2)]);
    await store.append([entry('retry', 1), entry('retry', 2)]);
    expect(await store.count('retry')).toBe(2);
  });

  it('pages with an opaque token until the end, without gaps or repeats', async () => {
    await store.append(Array.from({ length: 23 }, (_, i) => entry('paging', i)));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.list('paging', { pageSize: 10, continuationToken: token });
      expect(page.entries.length).toBeLessThanOrEqual(10);
      seen.push(...page.entries.map((e) => e.id));
      token = page.continuationToken;
      if (token) expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `e${22 - i}`));
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('filters by status, action and sourceId, also across pages', async () => {
    const entries = Array.from({ length: 30 }, (_, i) =>
      entry('filters', i, i % 3 === 0 ? 'failure' : 'success', i % 2 === 0 ? 'update' : 'create', i < 5 ? "o'brien" : `src-${i}`),
    );
    await store.append(entries);
    const failures = await store.list('filters', { status: 'failure', pageSize: 1000 });
    expect(failures.entries.map((e) => e.id)).toEqual(['e27', 'e24', 'e21', 'e18', 'e15', 'e12', 'e9', 'e6', 'e3', 'e0']);
    const failedUpdates = await store.list('filters', { status: 'failure', action: 'update' });
    expect(failedUpdates.entries.map((e) => e.id)).toEqual(['e24', 'e18', 'e12', 'e6', 'e0']);
    // A quote in the value would break a concatenated filter; the odata template escapes it.
    const bySource = await store.list('filters', { sourceId: "o'brien" });
    expect(bySource.entries.map((e) => e.id)).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);

    const first = await store.list('filters', { status: 'failure', pageSize: 4 });
    expect(first.entries.map((e) => e.id)).toEqual(['e27', 'e24', 'e21', 'e18']);
    const second = await store.list('filters', { status: 'failure', pageSize: 4, continuationToken: first.continuationToken });
    expect(second.entries.map((e) => e.id)).toEqual(['e15', 'e12', 'e9', 'e6']);
  });

  it('stores an entry larger than one table property', async () => {
    const big = entry('big', 1);
    big.modifiedProperties = Array.from({ length: 400 }, (_, i) => ({ displayName: `attr${i}`, oldValue: 'o'.repeat(100), newValue: 'n'.repeat(100) }));
    expect(JSON.stringify(big).length).toBeGreaterThan(64_000);
    await store.append([big]);
    expect((await store.list('big')).entries).toEqual([big]);
  });

  it('rejects a token it did not issue, and a page size out of range', async () => {
    await expect(store.list('order', { continuationToken: 'not a token!' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('order', { pageSize: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('order', { pageSize: 1001 })).rejects.toBeInstanceOf(ValidationError);
  });
});
