import { decodeSweepCursor, encodeSweepCursor } from '../../src/cycles/sweepCursor';
import { PermanentError } from '../../src/domain/errors';

describe('sweep cursor', () => {
  it.each([[{ typeIndex: 0 }], [{ typeIndex: 1, continuationToken: 'eyJuZXh0UGFydGl0aW9uS2V5Ijoi' }]])('round-trips %j', (position) => {
    expect(decodeSweepCursor(encodeSweepCursor(position))).toEqual(position);
  });

  it('starts at the first type without a cursor', () => {
    expect(decodeSweepCursor(undefined)).toEqual({ typeIndex: 0 });
  });

  it.each(['', 'not json', '{}', '{"t":-1}', '{"t":1.5}', '{"t":0,"c":5}', '[0]'])('refuses %j', (cursor) => {
    expect(() => decodeSweepCursor(cursor)).toThrow(PermanentError);
  });
});
