import { PermanentError } from '../../src/domain/errors';
import { decodeSourceReadCursor, encodeSourceReadCursor, type SourceReadCursor } from '../../src/sources/sourceReadCursor';

describe('source read cursors', () => {
  const cursor: SourceReadCursor = { v: 1, read: 'changes', since: '2026-11-21T09:55:00Z', startedAt: '2026-11-21T10:00:00.000Z', objectType: 'Group', startIndex: 15, previousFirstId: 'g8', dated: true };

  it('survive the round trip through the job state', () => {
    expect(decodeSourceReadCursor(encodeSourceReadCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...cursor, v: 2 })],
    ['an unknown type', JSON.stringify({ ...cursor, objectType: 'Device' })],
    ['startIndex 0', JSON.stringify({ ...cursor, startIndex: 0 })],
    ['an unknown field', JSON.stringify({ ...cursor, extra: 1 })],
    ['a bad instant', JSON.stringify({ ...cursor, startedAt: 'soon' })],
  ])('are refused when damaged (%s), with a code the cycle can report', (_name, text) => {
    let thrown: unknown;
    try {
      decodeSourceReadCursor(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PermanentError);
    expect((thrown as PermanentError).code).toBe('SourceCursorInvalid');
  });
});
