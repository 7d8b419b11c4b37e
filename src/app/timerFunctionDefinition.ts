import type { InvocationContext } from '@azure/functions';
import type { Services } from './services';

/** One timer function, as data: functions/ registers it with the runtime and the local host fires it. */
export interface TimerFunctionDefinition {
  name: string;
  /** Six-field NCRONTAB, UTC. */
  schedule: string;
  create(services: Services): (context: InvocationContext) => Promise<void>;
}
