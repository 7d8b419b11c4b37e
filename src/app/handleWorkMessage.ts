import { ValidationError } from '../domain/errors';
import { cycleMessageSchema } from '../domain/cycleMessage';
import { handleCycleMessage, type CycleMessageResult } from '../cycles/handleCycleMessage';
import { createInProcessReconciler } from './createInProcessReconciler';
import { handleReconcileMessage, type ReconcileMessageResult } from './handleReconcileMessage';
import type { Services } from './services';

export type WorkMessageResult = { kind: 'reconcile'; result: ReconcileMessageResult } | { kind: 'cycle'; jobId: string; cycleId: string; page: number; result: CycleMessageResult };

export interface WorkMessageOptions {
  /**
   * false: every cycle page is staged and enqueued, none reconciled in process (src/cycles/importWindow.ts). For
   * tests of the queued path, which every cycle but a job's first initial one from a pull source takes anyway.
   */
  inProcessWindows?: boolean;
}

/**
 * The work queue's one handler (Service Bus trigger in Azure, the poller on the local host): reconcile messages
 * and cycle page messages travel on the same queue (src/domain/workMessage.ts), so that a cycle's pages take
 * their turn with the reconciles they enqueue. Dispatches on `kind`; anything that is not a cycle message goes
 * to the reconcile handler, which rejects what is not a reconcile message either. Throws when the message
 * should be redelivered, or, for a malformed one, dead-lettered.
 */
export async function handleWorkMessage(services: Services, body: unknown, options: WorkMessageOptions = {}): Promise<WorkMessageResult> {
  const value = typeof body === 'string' ? safeJson(body) : body;
  if (!isCycleMessage(value)) return { kind: 'reconcile', result: await handleReconcileMessage(services, value) };
  const parsed = cycleMessageSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const message = parsed.data;
  return { kind: 'cycle', jobId: message.jobId, cycleId: message.cycleId, page: message.page, result: await handleCycleMessage(options.inProcessWindows === false ? services : { ...services, inProcess: createInProcessReconciler(services) }, message) };
}

function isCycleMessage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'cycle';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
