import { z } from 'zod';
import { checkDeliveryOptions, deliveryOptionsSchema } from '../delivery/delivery-options.js';
import { templateProblem } from '../delivery/topic-template.js';
import type { OutputOptions } from '../output.js';
import { parseOptions } from '../parse-options.js';
import type { StreamingHooks } from '../delivery/streaming-sink.js';

/** The topic when none is given, per payload mode: a per-equipment message has no {point}. */
export const DEFAULT_TOPICS = { point: 'haysim/{site}/{equip}/{point}', equip: 'haysim/{site}/{equip}' } as const;

/** Options of the `mqtt` sink (`--mqtt URL --topic TEMPLATE --mqtt-payload point|equip`). */
export const mqttOptionsSchema = deliveryOptionsSchema
  .extend({
    url: z
      .string()
      .regex(/^(mqtts?|wss?):\/\/[^\s]+$/i, 'expected an mqtt://, mqtts://, ws:// or wss:// URL')
      .default('mqtt://localhost:1883')
      .describe('broker URL'),
    payload: z
      .enum(['point', 'equip'])
      .default('point')
      .describe('point: one message per reading; equip: one message per equipment and timestamp holding all its readings'),
    topic: z
      .string()
      .min(1)
      .refine((t) => !/[+#]/.test(t.replace(/\{[^{}]*\}/g, '')), 'a publish topic cannot hold the wildcards + or #')
      .optional()
      .describe(
        `topic template; placeholders {site} {equip} {point} (their + # / are replaced by _); default ${DEFAULT_TOPICS.point}, or ${DEFAULT_TOPICS.equip} with payload equip`,
      ),
    qos: z
      .union([z.literal(0), z.literal(1)])
      .default(0)
      .describe(
        '0: at most once (fastest; losses in a broker outage are counted, not prevented), 1: at least once (waits for PUBACK, re-sends after a reconnect)',
      ),
    retain: z.boolean().default(false).describe("retain each point's current value on the broker for late subscribers"),
    clientId: z.string().min(1).max(128).optional().describe('MQTT client id (default haysim-<random>)'),
    username: z.string().optional(),
    password: z.string().optional(),
    publishBatch: z
      .number()
      .int()
      .min(1)
      .max(65_000)
      .default(1_000)
      .describe('readings per queued publish batch (whole messages: an equip message is not split)'),
    inflight: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe('publish batches in flight at once (points are spread over this many ordered lanes)'),
    connectTimeoutMs: z.number().int().positive().default(10_000),
    reconnectMs: z.number().int().positive().default(1_000).describe('how often a lost connection is re-tried'),
  })
  .superRefine((options, ctx) => {
    checkDeliveryOptions(options, ctx);
    if (options.topic === undefined) return;
    const problem = templateProblem(options.topic);
    if (problem) ctx.addIssue({ code: 'custom', path: ['topic'], message: problem });
    else if (options.payload === 'equip' && /\{point\}/.test(options.topic)) {
      const message = `payload "equip" publishes one message per equipment, so the topic cannot use {point} (e.g. ${DEFAULT_TOPICS.equip})`;
      ctx.addIssue({ code: 'custom', path: ['topic'], message });
    }
  });

export type MqttOptionsInput = z.input<typeof mqttOptionsSchema> & StreamingHooks;
export type MqttOptions = z.output<typeof mqttOptionsSchema> & { readonly topic: string };

/** Parses the options and fills in the topic of the payload mode. */
export function parseMqttOptions(input: z.input<typeof mqttOptionsSchema>): MqttOptions {
  const options = parseOptions('mqtt', mqttOptionsSchema, input);
  return { ...options, topic: options.topic ?? DEFAULT_TOPICS[options.payload] };
}

/** `--mqtt URL --topic TEMPLATE --mqtt-payload point|equip --mqtt-qos 0|1` (`--topic` kept from before flags came from here). */
export const mqttOptions: OutputOptions<typeof mqttOptionsSchema> = {
  summary: 'publish the readings to this MQTT broker, e.g. mqtt://localhost:1883',
  schema: mqttOptionsSchema,
  flags: { select: 'url', also: ['topic', 'payload', 'qos'], names: { topic: '--topic' } },
};

/** A placeholder value as one topic level: no wildcards, no level separators, no NUL. */
export function topicLevel(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what a topic level must not hold
  return value.replace(/[+#/\u0000]/g, '_');
}
