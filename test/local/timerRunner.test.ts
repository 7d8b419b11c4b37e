import type { Services } from '../../src/app/services';
import type { TimerFunctionDefinition } from '../../src/app/timerFunctionDefinition';
import { startTimers } from '../../src/local/timerRunner';

describe('startTimers (the local host timer trigger)', () => {
  it('fires a timer at its NCRONTAB times, one run at a time, and stop waits for a run in progress', async () => {
    const starts: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const definition: TimerFunctionDefinition = {
      name: 'everySecond',
      schedule: '* * * * * *',
      create: () => async () => {
        starts.push(Date.now());
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise((r) => setTimeout(r, 1500)); // longer than the interval: runs must not overlap
        concurrent--;
      },
    };
    const timers = startTimers([definition], {} as Services, () => {});
    await new Promise((r) => setTimeout(r, 3200));
    await timers.stop();
    expect(starts.length).toBeGreaterThanOrEqual(1);
    expect(starts.length).toBeLessThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    expect(concurrent).toBe(0);
  });

  it('logs a failing run and keeps the schedule', async () => {
    let runs = 0;
    const lines: string[] = [];
    const definition: TimerFunctionDefinition = {
      name: 'failing',
      schedule: '* * * * * *',
      create: () => async () => {
        runs++;
        throw new Error('boom');
      },
    };
    const timers = startTimers([definition], {} as Services, (l) => lines.push(l));
    await new Promise((r) => setTimeout(r, 2300));
    await timers.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.includes('[failing] failed: boom'))).toBe(true);
  });
});
