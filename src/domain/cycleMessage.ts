import { z } from 'zod';

/**
 * A work item that advances a cycle by one page: read the page at the cursor saved in the job's state, stage
 * its objects, enqueue their reconciles, save the next cursor, and send the message for the next page. The
 * page number is the expected `cycle.pagesDone`: a duplicate or late message (the queue delivers at least
 * once) finds another number in the state and is dropped, so a page is never advanced twice.
 */
export const cycleMessageSchema = z.object({
  kind: z.literal('cycle'),
  jobId: z.string().min(1),
  cycleId: z.string().min(1),
  page: z.number().int().min(0),
});

export type CycleMessage = z.infer<typeof cycleMessageSchema>;
