import { InvocationContext } from '@azure/functions';
import { schedulerFunction } from '../../../src/app/functions/schedulerFunction';
import { timerFunctions } from '../../../src/app/timerFunctions';
import { parseNcrontab } from '../../../src/scheduling/ncrontab';
import { cycleHarness } from '../../cycles/cycleHarness';

describe('scheduler timer (Azurite)', () => {
  it('fires every minute and is registered with the timers', () => {
    expect(schedulerFunction.schedule).toBe('0 * * * * *');
    expect(() => parseNcrontab(schedulerFunction.schedule)).not.toThrow();
    expect(timerFunctions).toContain(schedulerFunction);
  });

  it('starts the cycles that are due and says so', async () => {
    const h = await cycleHarness();
    const lines: string[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')) });
    await schedulerFunction.create(h.services)(context);
    expect(lines).toEqual(["scheduler: started a cycle of job 'pull1'"]);
    expect((await h.state()).cycle).toMatchObject({ kind: 'initial', began: h.now().toISOString() });
    lines.length = 0;
    await schedulerFunction.create(h.services)(context);
    expect(lines).toEqual([]);
  });
});
