import { z } from 'zod';
import { deliveryOptionsSchema, parseSinkOptions } from '../delivery/delivery-options.js';
import type { StreamingHooks } from '../delivery/streaming-sink.js';

/** Options of the `mqtt` sink (`--mqtt URL --topic TEMPLATE`). */
export const mqttOptionsSchema = deliveryOptionsSchema.extend({
  url: z
    .string()
    .regex(/^(mqtts?|wss?):\/\/[^\s]+$/i, 'expected an mqtt://, mqtts://, ws:// or wss:// URL')
    .default('mqtt://localhost:1883')
    .describe('broker URL'),
  topic: z
    .string()
    .min(1)
    .refine((t) => !/[+#]/.test(t.replace(/\{[^{}]*\}/g, '')), 'a publish topic cannot hold the wildcards + or #')
    .default('haysim/{site}/{equip}/{point}')
    .describe('topic template; placeholders {site} {equip} {point} (their + # / are replaced by _)'),
  qos: z.union([z.literal(0), z.literal(1)]).default(0).describe('0: at most once (fastest), 1: at least once (PUBACK)'),
  retain: z.boolean().default(false).describe('retain each point\'s current value on the broker for late subscribers'),
  clientId: z.string().min(1).max(128).optional().describe('MQTT client id (default haysim-<random>)'),
  username: z.string().optional(),
  password: z.string().optional(),
  publishBatch: z.number().int().min(1).max(65_000).default(1_000).describe('readings per queued publish batch'),
  inflight: z.number().int().min(1).max(64).default(4).describe('publish batches in flight at once (points are spread over this many ordered lanes)'),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  reconnectMs: z.number().int().positive().default(1_000).describe('how often a lost connection is re-tried'),
});

export type MqttOptionsInput = z.input<typeof mqttOptionsSchema> & StreamingHooks;
export type MqttOptions = z.output<typeof mqttOptionsSchema>;

export function parseMqttOptions(input: z.input<typeof mqttOptionsSchema>): MqttOptions {
  return parseSinkOptions('mqtt', mqttOptionsSchema, input);
}

/** A placeholder value as one topic level: no wildcards, no level separators, no NUL. */
export function topicLevel(value: string): string {
  return value.replace(/[+#/\u0000]/g, '_');
}
