import { jobSettings } from '../../src/domain/jobDefinition';
import { nextEscrowStep, type EscrowProgress } from '../../src/safety/nextEscrowStep';

const HOUR = 3_600_000;
const settings = jobSettings.parse({});
const t0 = new Date('2026-11-01T00:00:00.000Z');
const at = (hours: number): Date => new Date(t0.getTime() + hours * HOUR);

describe('nextEscrowStep (reference/entra-engine.md §7)', () => {
  it('starts an escrow at the first failure: retried 6 hours later', () => {
    expect(nextEscrowStep(undefined, t0, settings)).toEqual({
      kind: 'retry',
      progress: { firstFailedAt: t0.toISOString(), failures: 1 },
      delayInMs: 6 * HOUR,
      retryAt: at(6).toISOString(),
    });
  });

  // Entra: 6 h, 12 h, 24 h, then every 24 h.
  it.each([
    [1, 6],
    [2, 12],
    [3, 24],
    [4, 24],
    [10, 24],
  ])('waits after escrowed failure %d for %d hours', (failures, hours) => {
    const previous: EscrowProgress | undefined = failures === 1 ? undefined : { firstFailedAt: t0.toISOString(), failures: failures - 1 };
    const now = at(1);
    const step = nextEscrowStep(previous, now, settings);
    expect(step).toEqual({ kind: 'retry', delayInMs: hours * HOUR, retryAt: at(1 + hours).toISOString(), progress: { failures, firstFailedAt: (previous ? t0 : now).toISOString() } });
  });

  it('walks the default schedule to the last retry inside 28 days, then drops the object', () => {
    let progress: EscrowProgress | undefined;
    let now = t0;
    const retriesAt: number[] = [];
    for (;;) {
      const step = nextEscrowStep(progress, now, settings);
      if (step.kind === 'drop') {
        expect(step.maxAge).toBe('P28D');
        break;
      }
      progress = step.progress;
      now = new Date(step.retryAt);
      retriesAt.push((now.getTime() - t0.getTime()) / HOUR);
    }
    // 6, 18, 42, then every 24 h: the last at 666 h, because 690 h would pass 28 days (672 h).
    expect(retriesAt.slice(0, 4)).toEqual([6, 18, 42, 66]);
    expect(retriesAt.at(-1)).toBe(666);
    expect(retriesAt).toHaveLength(3 + 26);
    expect(progress?.failures).toBe(29);
  });

  it('drops instead of scheduling a retry that falls after escrowMaxAge', () => {
    const previous = { firstFailedAt: t0.toISOString(), failures: 5 };
    expect(nextEscrowStep(previous, at(28 * 24 - 24), settings)).toMatchObject({ kind: 'retry', retryAt: at(28 * 24).toISOString() });
    expect(nextEscrowStep(previous, at(28 * 24 - 23), settings)).toEqual({ kind: 'drop', progress: { firstFailedAt: t0.toISOString(), failures: 6 }, maxAge: 'P28D' });
  });

  it('follows a job\'s own schedule and maximum age', () => {
    const own = { escrowSchedule: ['PT1M', 'PT10M'], escrowMaxAge: 'PT1H' };
    expect(nextEscrowStep(undefined, t0, own)).toMatchObject({ delayInMs: 60_000 });
    expect(nextEscrowStep({ firstFailedAt: t0.toISOString(), failures: 4 }, at(0.5), own)).toMatchObject({ kind: 'retry', delayInMs: 600_000 });
    expect(nextEscrowStep({ firstFailedAt: t0.toISOString(), failures: 5 }, at(0.9), own)).toMatchObject({ kind: 'drop' });
  });

  it('gives an object with an unreadable first-failure time a fresh escrow rather than an endless one', () => {
    const step = nextEscrowStep({ firstFailedAt: 'yesterday', failures: 2 }, t0, settings);
    expect(step).toMatchObject({ kind: 'retry', delayInMs: 24 * HOUR });
  });
});
