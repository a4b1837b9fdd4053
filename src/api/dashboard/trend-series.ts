import type { QueryClient } from '../../query/query-client.js';
import type { Cell, SeriesRow } from '../../query/query-types.js';

/** Bucket widths the query library allows, in ms, with their names: the chart asks for the finest that fits. */
const BUCKETS: readonly (readonly [string, number])[] = [
  ['1m', 60_000],
  ['5m', 300_000],
  ['10m', 600_000],
  ['15m', 900_000],
  ['30m', 1_800_000],
  ['1h', 3_600_000],
  ['2h', 7_200_000],
  ['3h', 10_800_000],
  ['6h', 21_600_000],
  ['12h', 43_200_000],
  ['1d', 86_400_000],
  ['7d', 604_800_000],
];

export interface TrendRequest {
  readonly equip: string;
  readonly columns: readonly string[];
  /** epoch ms; both or neither (then the last two days up to the newest reading) */
  readonly from?: number;
  readonly to?: number;
  /** the chart's plot width in pixels: at most about one point per pixel is sent */
  readonly width: number;
}

/** Aligned arrays for the chart: times in epoch seconds; per column avg (or raw), and min/max when bucketed. */
export interface Trend {
  readonly t: number[];
  readonly series: Record<string, { avg: (number | null)[]; min?: (number | null)[]; max?: (number | null)[] }>;
  /** null: raw readings */
  readonly bucket: string | null;
  readonly from: number;
  readonly to: number;
  readonly queryMs: number;
}

/**
 * Trend data downsampled in the database: the raw readings when they fit the chart's width, else one
 * min/avg/max per bucket of the finest allowed width giving no more buckets than pixels, so a year of
 * one-minute data is a few hundred rows on the wire and the envelope still shows the extremes.
 */
export async function loadTrend(query: QueryClient, req: TrendRequest): Promise<Trend> {
  const { from, to } = req.from !== undefined && req.to !== undefined ? { from: req.from, to: req.to } : await lastDays(query, req);
  const base = { from, to, columns: req.columns };
  const raw = await query.range(req.equip, { ...base, limit: req.width });
  if (!raw.truncated) {
    const series = Object.fromEntries(req.columns.map((c) => [c, { avg: raw.rows.map((r) => numeric(r[c])) }]));
    return { t: raw.rows.map(seconds), series, bucket: null, from, to, queryMs: raw.queryMs };
  }
  const [every] = BUCKETS.find(([, ms]) => (to - from) / ms <= req.width) ?? BUCKETS.at(-1)!;
  const read = (agg: 'avg' | 'min' | 'max') => query.range(req.equip, { ...base, agg, every, limit: 100_000 });
  const [avg, min, max] = [await read('avg'), await read('min'), await read('max')];
  const series = Object.fromEntries(
    req.columns.map((c) => [
      c,
      { avg: avg.rows.map((r) => numeric(r[c])), min: min.rows.map((r) => numeric(r[c])), max: max.rows.map((r) => numeric(r[c])) },
    ]),
  );
  return { t: avg.rows.map(seconds), series, bucket: every, from, to, queryMs: raw.queryMs + avg.queryMs + min.queryMs + max.queryMs };
}

/** The two days up to the equipment's newest reading of the columns (up to now when it has none). */
async function lastDays(query: QueryClient, req: TrendRequest): Promise<{ from: number; to: number }> {
  const [newest] = (await query.latest(req.equip, { columns: req.columns })).rows;
  const to = (newest ? Date.parse(newest.ts) : Date.now()) + 1;
  return { from: to - DEFAULT_SPAN_MS, to };
}

const DEFAULT_SPAN_MS = 2 * 86_400_000;
const seconds = (r: SeriesRow) => Date.parse(r.ts) / 1000;

/** booleans as 0/1, text (enum labels) left out of a numeric chart */
function numeric(v: Cell | undefined): number | null {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
}
