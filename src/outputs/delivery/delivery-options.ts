import { z } from 'zod';

/** Delivery options shared by the streaming sinks (HTTP, MQTT): queue limits, overflow policy, retries, timeouts. */
export const deliveryOptionsSchema = z.object({
  maxQueuedReadings: z.number().int().positive().default(100_000).describe('readings held in memory at most, in flight included'),
  maxQueuedBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 2 ** 20)
    .describe('payload bytes held in memory at most'),
  overflow: z
    .enum(['block', 'spill', 'drop'])
    .default('block')
    .describe('when the queue is full: block (wait: back-pressure), spill (to --spill-file, replayed in order), drop (counted)'),
  spillFile: z.string().min(1).optional().describe('JSONL file for the spill policy; left over readings are replayed by the next run'),
  spillMaxBytes: z
    .number()
    .int()
    .positive()
    .default(2 ** 30)
    .describe('spill file size limit; beyond it readings are dropped (counted)'),
  retryBaseMs: z.number().int().nonnegative().default(100).describe('first retry waits up to this long (ms), doubling per attempt'),
  retryMaxMs: z.number().int().nonnegative().default(10_000).describe('longest wait between retries (ms)'),
  maxAttempts: z.number().int().positive().optional().describe('attempts before a reading is given up (default: until delivered)'),
  flushTimeoutMs: z.number().int().positive().default(60_000).describe('finish() waits this long for everything to be delivered'),
  closeTimeoutMs: z.number().int().nonnegative().default(10_000).describe('close() waits this long for the queue before giving up on it'),
});

export type DeliveryOptions = z.output<typeof deliveryOptionsSchema>;

/**
 * The checks across delivery options, for each streaming sink's final schema
 * (`.superRefine(checkDeliveryOptions)`: a refined schema cannot be extended).
 */
export function checkDeliveryOptions(options: Pick<DeliveryOptions, 'overflow' | 'spillFile'>, ctx: z.RefinementCtx): void {
  if (options.overflow === 'spill' && !options.spillFile)
    ctx.addIssue({ code: 'custom', path: ['spillFile'], message: 'overflow "spill" needs spillFile (where to spill)' });
}
