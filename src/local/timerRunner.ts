import { InvocationContext } from '@azure/functions';
import type { Services } from '../app/services';
import type { TimerFunctionDefinition } from '../app/timerFunctionDefinition';
import { nextOccurrence, parseNcrontab } from '../scheduling/ncrontab';

export interface RunningTimers {
  stop(): Promise<void>;
}

/**
 * The local host's timer trigger: fires each timer at its NCRONTAB times (UTC), one run at a time per timer,
 * as the Functions runtime does (there a blob lease makes timers singletons across instances).
 */
export function startTimers(definitions: readonly TimerFunctionDefinition[], services: Services, log: (line: string) => void, now: () => Date = () => new Date()): RunningTimers {
  const handles = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const definition of definitions) {
    const schedule = parseNcrontab(definition.schedule);
    const handler = definition.create(services);
    const arm = (): void => {
      if (stopped) return;
      const at = nextOccurrence(schedule, now());
      // setTimeout holds at most ~24.8 days; re-arm in steps for anything later.
      const delay = Math.min(at.getTime() - now().getTime(), 2 ** 31 - 1);
      const handle = setTimeout(() => {
        handles.delete(handle);
        if (now().getTime() < at.getTime()) return arm();
        const context = new InvocationContext({ functionName: definition.name, logHandler: (level, ...args) => log(`[${definition.name}] ${level}: ${args.map(String).join(' ')}`) });
        const run = handler(context)
          .catch((error: unknown) => log(`[${definition.name}] failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => {
            running.delete(run);
            arm();
          });
        running.add(run);
      }, Math.max(0, delay));
      handle.unref();
      handles.add(handle);
    };
    arm();
  }
  return {
    async stop() {
      stopped = true;
      for (const handle of handles) clearTimeout(handle);
      await Promise.all([...running]);
    },
  };
}
