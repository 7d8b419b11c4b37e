import type { ReconcileMessage } from '../../src/domain/reconcileMessage';
import { counterWriteId } from '../../src/safety/counterWriteId';

const message: ReconcileMessage = { kind: 'reconcile', jobId: 'job1', objectType: 'User', sourceKeys: ['b', 'a'], cycleId: 'c1', attempt: 1 };

describe('counterWriteId', () => {
  it('is the same for a redelivery, whatever the order or repetition of keys', () => {
    expect(counterWriteId({ ...message })).toBe(counterWriteId(message));
    expect(counterWriteId({ ...message, sourceKeys: ['a', 'b', 'a'] })).toBe(counterWriteId(message));
    // Not reconciled, so not counted: notBefore does not make other work.
    expect(counterWriteId({ ...message, notBefore: '2026-11-21T16:00:00.000Z' })).toBe(counterWriteId(message));
  });

  it.each<[string, Partial<ReconcileMessage>]>([
    ['other objects', { sourceKeys: ['a'] }],
    ['keys that only join alike', { sourceKeys: ['a|b'] }],
    ['another object type', { objectType: 'Group' }],
    ['another cycle', { cycleId: 'c2' }],
    ['a fast retry', { attempt: 2 }],
    ['an escrow retry', { escrow: { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 1, epoch: 0 } }],
    ['an approved delete', { forceDelete: true }],
    ['a target index', { targetIndex: 'ix1' }],
  ])('differs for %s', (_name, change) => {
    expect(counterWriteId({ ...message, ...change })).not.toBe(counterWriteId(message));
  });

  it('tells escrow rounds apart', () => {
    const escrow = { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 1, epoch: 0 };
    expect(counterWriteId({ ...message, escrow })).not.toBe(counterWriteId({ ...message, escrow: { ...escrow, failures: 2 } }));
  });
});
