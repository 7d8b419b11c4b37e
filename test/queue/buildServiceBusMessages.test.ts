import type { ReconcileMessage } from '../../src/domain/reconcileMessage';
import { buildServiceBusMessages, scheduledEnqueueTime, serviceBusMessageId } from '../../src/queue/buildServiceBusMessages';

const base: ReconcileMessage = { kind: 'reconcile', jobId: 'job1', objectType: 'User', sourceKeys: ['b', 'a'], cycleId: 'c1', attempt: 1 };

describe('buildServiceBusMessages', () => {
  it('carries the message as a JSON body with routing properties', () => {
    const [built] = buildServiceBusMessages([base]);
    expect(built).toEqual({
      body: base,
      contentType: 'application/json',
      messageId: serviceBusMessageId(base),
      applicationProperties: { jobId: 'job1', kind: 'reconcile' },
    });
  });

  it('gives the same work the same id, so that a re-send is dropped as a duplicate', () => {
    expect(serviceBusMessageId(base)).toBe(serviceBusMessageId({ ...base }));
    expect(serviceBusMessageId(base)).toBe(serviceBusMessageId({ ...base, sourceKeys: ['a', 'b'] }));
    expect(serviceBusMessageId(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<ReconcileMessage>]>([
    ['job', { jobId: 'job2' }],
    ['object type', { objectType: 'Group' }],
    ['keys', { sourceKeys: ['a', 'c'] }],
    ['cycle', { cycleId: 'c2' }],
    ['attempt (a deliberate retry must not be dropped)', { attempt: 2 }],
    ['key boundaries', { sourceKeys: ['a|b'] }],
  ])('gives different work a different id: %s', (_, change) => {
    expect(serviceBusMessageId({ ...base, ...change })).not.toBe(serviceBusMessageId(base));
  });

  it('does not confuse keys that contain the separator', () => {
    expect(serviceBusMessageId({ ...base, sourceKeys: ['a|b'] })).not.toBe(serviceBusMessageId({ ...base, sourceKeys: ['a', 'b'] }));
  });

  it('keeps the caller’s key order in the body', () => {
    expect(buildServiceBusMessages([base])[0]?.body).toEqual(expect.objectContaining({ sourceKeys: ['b', 'a'] }));
  });
});

describe('scheduledEnqueueTime', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each<[number | undefined, Date | undefined]>([
    [undefined, undefined],
    [0, undefined],
    [-5, undefined],
    [1500, new Date(now + 1500)],
    [0.2, new Date(now + 1)],
  ])('delay %p → %p', (delay, expected) => {
    expect(scheduledEnqueueTime(delay, now)).toEqual(expected);
  });
});
