import { logRetentionFunction } from './functions/logRetentionFunction';
import { schedulerFunction } from './functions/schedulerFunction';
import type { TimerFunctionDefinition } from './timerFunctionDefinition';

/** Every timer function, for the local host. functions/ registers each with the Azure runtime. */
export const timerFunctions: readonly TimerFunctionDefinition[] = [logRetentionFunction, schedulerFunction];
