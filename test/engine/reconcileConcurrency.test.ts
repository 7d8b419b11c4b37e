import { reconcileConcurrency } from '../../src/engine/reconcileConcurrency';

describe('reconcileConcurrency', () => {
  it('is the target maxConcurrency, or enough to fill a batch per slot (at most 1,000) with bulk creates', () => {
    expect(reconcileConcurrency({ maxConcurrency: 8 })).toBe(8);
    expect(reconcileConcurrency({ maxConcurrency: 8, bulk: { maxOperations: 50, maxPayloadBytes: 1_048_576 } })).toBe(400);
    expect(reconcileConcurrency({ maxConcurrency: 64, bulk: { maxOperations: 1000, maxPayloadBytes: 1_048_576 } })).toBe(1000);
  });
});
