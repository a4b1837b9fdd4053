import { z } from 'zod';
import { buildContext, CONTEXT_KINDS } from '../context/build-context.js';
import type { QueryClient } from '../query/query-client.js';
import { AGGREGATIONS, OPERATORS, SEVERITIES } from '../query/query-types.js';
import { boundResult, MAX_ROWS } from './bounded-result.js';

/** One MCP tool: its input fields (zod), the shape of its structured result, and the library call. */
export interface McpTool<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  readonly output: z.ZodRawShape;
  call(q: QueryClient, args: z.infer<z.ZodObject<S>>): Promise<Record<string, unknown>>;
}

/** A tool with its arguments typed by its own input shape (the SDK validates them against it before the call). */
const tool = <S extends z.ZodRawShape>(t: McpTool<S>) => t as unknown as McpTool;

// inputs: names the catalog checks (unknown ones get a did-you-mean), times and intervals the library parses
const equip = z.string().min(1).max(200).describe('equipment id (e.g. chiller_001, equip_ahu_1) or Haystack id; see list_equipment');
const columns = z
  .array(z.string().min(1).max(200))
  .min(1)
  .max(100)
  .optional()
  .describe('column names (default: all); see describe_equipment');
const time = z.string().min(1).max(40).describe('ISO 8601 date or date-time; without an offset it is local at the site');
const from = time.optional().describe('start, inclusive (default: `to` minus 24 h)');
const to = time.optional().describe("end, exclusive (default: just after the equipment's newest reading)");
const since = z.string().max(10).optional().describe('the last D of the data (30m, 24h, 7d) instead of from/to; default 24h');
const limit = z.number().int().min(1).max(MAX_ROWS).optional().describe(`most rows (default 100, at most ${MAX_ROWS})`);

const table = {
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  rowCount: z.number().int(),
  queryMs: z.number(),
  truncated: z.boolean(),
  note: z.string().optional().describe('what was left out and how to ask for less'),
};
const rows = (n: number | undefined) => n ?? 100;

/** The read-only tools `haysim mcp` serves: every answer bounded (MAX_ROWS rows, MAX_CHARS of JSON) with a note when cut. */
export const MCP_TOOLS: readonly McpTool[] = [
  tool({
    name: 'list_equipment',
    description:
      'List equipment in the store, optionally of one Haystack type (chiller, ahu, vav) or an id prefix; each with its type, name and column count.',
    input: { type: z.string().min(1).max(100).optional().describe('a Haystack equip type or an id prefix') },
    output: table,
    call: async (q, a) => boundResult(await q.equipment(a.type === undefined ? {} : { type: a.type })),
  }),
  tool({
    name: 'describe_equipment',
    description: 'Metadata of one equipment (id, Haystack id, name, type) and its columns with kind (number, bool, text) and unit.',
    input: { equip },
    output: { equipment: z.record(z.string(), z.unknown()), ...table },
    call: async (q, a) => {
      const cols = await q.columns(a.equip);
      const info = (await q.equipment()).rows.find((e) => e.id === a.equip || e.haystackId === a.equip)!;
      return { equipment: { id: info.id, haystackId: info.haystackId, name: info.name, type: info.type }, ...boundResult(cols) };
    },
  }),
  tool({
    name: 'latest',
    description: 'The newest reading of one equipment: a row with ts (ISO 8601, UTC) and the value of each column asked.',
    input: { equip, columns },
    output: table,
    call: async (q, a) => boundResult(await q.latest(a.equip, { columns: a.columns })),
  }),
  tool({
    name: 'range',
    description:
      'Readings of one equipment over a period: raw rows, or one row per time bucket with agg and every (e.g. agg avg, every 1h). Prefer buckets for long periods.',
    input: {
      equip,
      columns,
      from,
      to,
      agg: z.enum(AGGREGATIONS).optional().describe('aggregation per bucket, with every'),
      every: z.string().max(20).optional().describe('bucket width: 1m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d or 7d; with agg'),
      limit,
    },
    output: table,
    call: async (q, a) =>
      boundResult(await q.range(a.equip, { columns: a.columns, from: a.from, to: a.to, agg: a.agg, every: a.every, limit: rows(a.limit) })),
  }),
  tool({
    name: 'stats',
    description:
      'Row count and min, max, avg and sum per number or boolean column of one equipment over a period (default the last 24 h of its data).',
    input: { equip, columns, from, to },
    output: { ...table, timestamps: z.number().int(), from: z.string(), to: z.string() },
    call: async (q, a) => boundResult(await q.stats(a.equip, { columns: a.columns, from: a.from, to: a.to })),
  }),
  tool({
    name: 'anomalies',
    description: 'Readings of one number column of one equipment beyond a threshold (op and value) over a period, oldest first.',
    input: {
      equip,
      column: z.string().min(1).max(200).describe('the number column to test'),
      op: z.enum(OPERATORS),
      value: z.number().describe('the threshold'),
      from,
      to,
      limit,
    },
    output: table,
    call: async (q, a) =>
      boundResult(await q.anomalies(a.equip, { column: a.column, op: a.op, value: a.value, from: a.from, to: a.to, limit: rows(a.limit) })),
  }),
  tool({
    name: 'alerts',
    description:
      'Alerts of one equipment or all, optionally of one severity, in the last `since` of the data or from/to; each with the labelled fault that caused it.',
    input: { equip: equip.optional(), severity: z.enum(SEVERITIES).optional(), since, from, to, limit },
    output: table,
    call: async (q, a) =>
      boundResult(await q.alerts({ equip: a.equip, severity: a.severity, since: a.since, from: a.from, to: a.to, limit: rows(a.limit) })),
  }),
  tool({
    name: 'ground_truth_events',
    description:
      'Labelled ground-truth events (faults, maintenance, stale sensors, drift, …) the simulation injected, overlapping a period: what happened to which equipment or column, and when.',
    input: {
      equip: equip.optional(),
      type: z.string().min(1).max(40).optional().describe('one event type, e.g. fault'),
      since,
      from,
      to,
      limit,
    },
    output: table,
    call: async (q, a) =>
      boundResult(await q.events({ equip: a.equip, type: a.type, since: a.since, from: a.from, to: a.to, limit: rows(a.limit) })),
  }),
  tool({
    name: 'context',
    description:
      'Compact text about equipment for a prompt, units included: summary (one equipment), trend (one column), anomalies (beyond mean ± k·σ, matched with labelled events), compare (two or more equipment), alerts. budget caps its size in tokens.',
    input: {
      kind: z.enum(CONTEXT_KINDS),
      equipment: z
        .array(z.string().min(1).max(200))
        .max(20)
        .default([])
        .describe('summary, trend, anomalies: one; compare: two or more; alerts: none or one'),
      columns,
      hours: z.number().positive().max(744).optional().describe('hours covered (default 24)'),
      to,
      every: z.string().max(20).optional().describe('trend: bucket width'),
      agg: z.enum(AGGREGATIONS).optional().describe('trend: aggregation (default avg)'),
      k: z.number().positive().max(100).optional().describe('anomalies: standard deviations (default 2)'),
      severity: z.enum(SEVERITIES).optional().describe('alerts: one severity'),
      budget: z.number().int().min(1).max(100_000).optional().describe('most tokens (o200k_base) of the text (default 4000)'),
    },
    output: { kind: z.string(), text: z.string(), tokens: z.number().int().nullable(), omitted: z.number().int() },
    call: async (q, a) => ({ ...(await buildContext(q, { ...a, budget: a.budget ?? 4_000 })) }),
  }),
];
