import { z } from 'zod';
import { cycleMessageSchema } from './cycleMessage';
import { reconcileMessageSchema } from './reconcileMessage';

/** Everything that travels on the work queue; handlers dispatch on `kind`. */
export const workMessageSchema = z.discriminatedUnion('kind', [reconcileMessageSchema, cycleMessageSchema]);

export type WorkMessage = z.infer<typeof workMessageSchema>;
