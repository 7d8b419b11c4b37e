import { WindowStaging } from '../../src/cycles/windowStaging';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';

const AT = '2026-11-22T06:00:00.000Z';

describe('WindowStaging', () => {
  it('serves held objects from memory, records leases and links there, and hands them over as records', async () => {
    const store = new MemoryStagingStore();
    const window = new WindowStaging(store, 'j', AT);
    expect(window.hold('User', 'a', { n: 1 }, { sourceVersion: 'v1', page: 3 })).toBe(true);
    expect(window.hold('User', 'b', { n: 2 })).toBe(true);
    // Read again on an overlapping page: not held twice, and the first data stays.
    expect(window.hold('User', 'a', { n: 99 })).toBe(false);

    const a = await window.get('j', 'User', 'a');
    expect(a).toMatchObject({ jobId: 'j', objectType: 'User', sourceKey: 'a', data: { n: 1 }, stagedAt: AT });
    const leased = await window.claimCreate(a!, '2026-11-22T06:01:00.000Z');
    expect(leased).toMatchObject({ creatingUntil: '2026-11-22T06:01:00.000Z' });
    expect(await window.get('j', 'User', 'a')).toMatchObject({ creatingUntil: '2026-11-22T06:01:00.000Z' });
    expect(await window.recordLink(a!, 't-a')).toBe('recorded');
    const b = await window.get('j', 'User', 'b');
    await window.claimCreate(b!, '2026-11-22T06:01:00.000Z'); // a create whose outcome is unknown keeps its lease

    expect(window.records('User')).toEqual([
      { sourceKey: 'a', data: { n: 1 }, sourceVersion: 'v1', page: 3, targetId: 't-a' },
      { sourceKey: 'b', data: { n: 2 }, creatingUntil: '2026-11-22T06:01:00.000Z' },
    ]);
    expect(window.records('User', ['b', 'zz'])).toEqual([{ sourceKey: 'b', data: { n: 2 }, creatingUntil: '2026-11-22T06:01:00.000Z' }]);
    expect(window.records('Group')).toEqual([]);
    // Nothing reached the store.
    expect(store.rows.size).toBe(0);
  });

  it('passes everything it does not hold to the store: objects of earlier windows, other jobs, other calls', async () => {
    const store = new MemoryStagingStore();
    store.put('j', 'User', 'boss', { n: 0 });
    const window = new WindowStaging(store, 'j', AT);
    window.hold('User', 'a', { n: 1 });
    const boss = await window.get('j', 'User', 'boss');
    expect(boss?.data).toEqual({ n: 0 });
    expect(await window.recordLink(boss!, 't-boss')).toBe('recorded');
    expect((await store.get('j', 'User', 'boss'))?.targetId).toBe('t-boss');
    // Another job's key of the same name is not the held one.
    expect(await window.get('other', 'User', 'a')).toBeUndefined();
    await window.stage('j', 'User', [{ sourceKey: 'c', data: { n: 3 } }], AT);
    expect((await store.get('j', 'User', 'c'))?.data).toEqual({ n: 3 });
    expect((await window.listKeys('j', 'User')).keys.map((k) => k.sourceKey).sort()).toEqual(['boss', 'c']);
  });

  it('lets go of objects once their rows are written: the store answers for them, and a repeat is still not held again', async () => {
    const store = new MemoryStagingStore();
    const window = new WindowStaging(store, 'j', AT);
    window.hold('User', 'a', { n: 1 }, { page: 1 });
    window.hold('User', 'b', { n: 2 }, { page: 1 });
    const a = await window.get('j', 'User', 'a');
    await window.recordLink(a!, 't-a');
    await window.insertReconciled('j', 'User', window.records('User', ['a']), AT, { cycleId: 'c1', page: 1 });
    window.release('User', ['a']);

    expect(window.records('User')).toEqual([{ sourceKey: 'b', data: { n: 2 }, page: 1 }]);
    // Read from the store now: its row, with the link and a real ETag, not the held one.
    const stored = await window.get('j', 'User', 'a');
    expect(stored).toMatchObject({ data: { n: 1 }, targetId: 't-a' });
    expect(stored?.etag).not.toBe(a?.etag);
    expect(await window.recordLink(stored!, 't-a2')).toBe('recorded');
    expect((await store.get('j', 'User', 'a'))?.targetId).toBe('t-a2');
    // A source paged with overlap hands it over again: still not a new object of this window.
    expect(window.hold('User', 'a', { n: 1 })).toBe(false);
    expect(window.records('User', ['a'])).toEqual([]);
  });
});
