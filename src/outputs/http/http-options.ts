import { z } from 'zod';
import { checkDeliveryOptions, deliveryOptionsSchema } from '../delivery/delivery-options.js';
import { templateProblem } from '../delivery/topic-template.js';
import type { OutputOptions } from '../output.js';
import { parseOptions } from '../parse-options.js';
import type { StreamingHooks } from '../delivery/streaming-sink.js';

/** Options of the `http` sink (`--http URL`): where readings are POSTed and how. */
export const httpOptionsSchema = deliveryOptionsSchema
  .extend({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/i, 'expected an http:// or https:// URL')
      .describe('receiver URL, e.g. http://localhost:8000 (user:password@ becomes a Basic auth header)'),
    path: z
      .string()
      .default('')
      .describe('path template appended to the URL, e.g. /api/points/{point}; placeholders {site} {equip} {point}'),
    headers: z.record(z.string(), z.string()).default({}).describe('extra request headers'),
    auth: z.string().min(1).optional().describe('Authorization header value, e.g. "Bearer <token>"'),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .describe('readings per request: 1 posts one JSON object per reading, more posts a JSON array'),
    timeoutMs: z.number().int().positive().default(10_000).describe('request timeout (ms); a timed-out request is retried'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(4)
      .describe('requests in flight at once (points are spread over this many ordered lanes)'),
  })
  .superRefine((options, ctx) => {
    checkDeliveryOptions(options, ctx);
    for (const key of ['url', 'path'] as const) {
      const problem = templateProblem(options[key]);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  });

export type HttpOptionsInput = z.input<typeof httpOptionsSchema> & StreamingHooks;
export type HttpOptions = z.output<typeof httpOptionsSchema>;

export function parseHttpOptions(input: z.input<typeof httpOptionsSchema>): HttpOptions {
  return parseOptions('http', httpOptionsSchema, input);
}

/** `--http URL`; the rest of the options are for library callers. */
export const httpOptions: OutputOptions<typeof httpOptionsSchema> = {
  summary: 'POST the readings as JSON to this receiver',
  schema: httpOptionsSchema,
  flags: { select: 'url' },
};
