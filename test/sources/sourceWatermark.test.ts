import { beginSourceRead } from '../../src/sources/beginSourceRead';
import { readSourceWatermark, WATERMARK_SAFETY_MARGIN_MS, watermarkAfterRead } from '../../src/sources/sourceWatermark';

describe('source watermarks', () => {
  it('start the next read a safety margin before this one began, in whole seconds', () => {
    expect(WATERMARK_SAFETY_MARGIN_MS).toBeGreaterThanOrEqual(60_000);
    expect(readSourceWatermark(watermarkAfterRead('2026-11-21T10:00:00.987Z', true))).toEqual({ v: 1, since: '2026-11-21T09:55:00Z' });
  });

  it('say "read in full" when the read met resources without meta.lastModified', () => {
    expect(readSourceWatermark(watermarkAfterRead('2026-11-21T10:00:00Z', false))).toEqual({ v: 1, since: null });
  });

  it.each([undefined, '', 'not json', '"2026-11-21T10:00:00Z"', '{"v":1,"since":"yesterday"}', '{"v":2,"since":null}', '{"v":1}'])('read %p as no watermark', (text) => {
    expect(readSourceWatermark(text)).toBeUndefined();
  });
});

describe('beginSourceRead', () => {
  const at = new Date('2026-11-21T10:00:00Z');
  const watermark = watermarkAfterRead('2026-11-21T09:00:00Z', true);

  it.each([
    ['full', watermark, 'full', undefined],
    ['changes', watermark, 'changes', '2026-11-21T08:55:00Z'],
    ['changes', undefined, 'full', undefined],
    ['changes', 'garbage', 'full', undefined],
    ['changes', watermarkAfterRead('2026-11-21T09:00:00Z', false), 'full', undefined],
  ] as const)('%s with watermark %p reads %s', (mode, mark, read, since) => {
    const cursor = beginSourceRead(mode, mark, ['User', 'Group'], at);
    expect(cursor).toEqual({ v: 1, read, ...(since === undefined ? {} : { since }), startedAt: at.toISOString(), objectType: 'User', startIndex: 1, dated: true });
  });

  it('starts with the first type the job reads, and nothing when it reads none', () => {
    expect(beginSourceRead('full', undefined, ['Group'], at)?.objectType).toBe('Group');
    expect(beginSourceRead('full', undefined, [], at)).toBeUndefined();
  });
});
