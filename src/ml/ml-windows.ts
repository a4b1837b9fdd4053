import { ArgsError } from '../errors.js';
import { parseBucket } from '../query/query-inputs.js';
import { parseInterval } from '../time/clock.js';
import { ATTEMPTS, type Candidate, type SampleContext, units } from './ml-context.js';
import type { SplitName } from './ml-split.js';
import type { PairRecord, PairSide, TrajectoryRecord } from './ml-types.js';

const HOUR = 3_600_000;
/** bucket widths a window may be averaged at, shortest first (a subset of the query library's) */
const WIDTHS = ['1m', '5m', '15m', '30m', '1h', '6h', '1d'] as const;

export interface WindowOptions {
  readonly hours: number;
  /** bucket width (`5m`, `1h`); default about 12 buckets a window, never finer than the data */
  readonly every?: string;
}

/** The bucket width of a window: the one asked (checked), else the finest of about 12 a window at or above the data's interval. */
export function windowEvery(o: WindowOptions, intervalMs: number): { readonly every: string; readonly ms: number } {
  if (o.every !== undefined) {
    parseBucket(o.every);
    const ms = parseInterval(o.every.trim().toLowerCase())!;
    if (ms > o.hours * HOUR) throw new ArgsError(`--every ${o.every}: wider than the window (--hours ${o.hours})`);
    return { every: o.every, ms };
  }
  const want = Math.max(intervalMs, (o.hours * HOUR) / 12);
  const every = WIDTHS.find((w) => parseInterval(w)! >= want) ?? '1d';
  return { every, ms: parseInterval(every)! };
}

/** A window of one candidate, its start on a bucket boundary (buckets follow the site's clock), inside one split. */
async function placeWindow(
  cx: SampleContext,
  c: Candidate,
  stream: string,
  lengthMs: number,
  every: { readonly every: string; readonly ms: number },
  within?: SplitName,
): Promise<{ start: number; split: SplitName | undefined } | undefined> {
  const placed = cx.plan.place(cx.draws.next(stream), lengthMs + every.ms, c.id, cx.extent.intervalMs, within);
  if (!placed) return undefined;
  return { start: cx.q.bucketStart(placed.start, every.every), split: placed.split };
}

/** `count` windows of `hours`, each one candidate's number and boolean columns averaged per bucket; labelled by the ground truth. */
export async function sampleTrajectories(cx: SampleContext, count: number, o: WindowOptions): Promise<TrajectoryRecord[]> {
  const width = windowEvery(o, cx.extent.intervalMs);
  const every = width.every;
  const length = o.hours * HOUR;
  const out: TrajectoryRecord[] = [];
  for (let tries = 0; out.length < count; tries++) {
    if (tries >= ATTEMPTS * count)
      throw new ArgsError(`ml: found ${out.length} of ${count} trajectories after ${tries} draws: windows longer than the data?`);
    const c = cx.draws.pick('trajectory.equipment', cx.candidates);
    const columns = c.columns.filter((k) => k.kind !== 'text');
    if (columns.length === 0) continue;
    const w = await placeWindow(cx, c, 'trajectory.time', length, width);
    if (!w) continue;
    const r = await cx.q.range(c.id, {
      from: w.start,
      to: w.start + length,
      columns: columns.map((k) => k.name),
      agg: 'avg',
      every,
      limit: 100_000,
    });
    if (r.rowCount === 0) continue;
    const faults = cx.faultsIn(c.id, w.start, w.start + length);
    out.push({
      kind: 'trajectory',
      ...(w.split ? { split: w.split } : {}),
      equipment: c.id,
      type: c.type,
      units: units(columns),
      label: faults.length > 0 ? 'anomaly' : 'normal',
      label_source: 'ground_truth',
      faults,
      start: new Date(w.start).toISOString(),
      end: new Date(w.start + length).toISOString(),
      every,
      steps: r.rows,
    });
  }
  return out;
}

export interface PairOptions extends WindowOptions {
  /** the number column compared; the lower mean is preferred */
  readonly metric: string;
}

/**
 * `count` preference pairs: two windows of the same length on equipment of the candidates (one type), in one
 * split, the metric averaged per bucket; `chosen` is the window with the lower mean. Windows with fewer than
 * half their buckets or at zero throughout (the equipment off), and pairs with the same mean, are drawn again.
 */
export async function samplePairs(cx: SampleContext, count: number, o: PairOptions): Promise<PairRecord[]> {
  const types = [...new Set(cx.candidates.map((c) => c.type))];
  if (types.length !== 1) throw new ArgsError(`ml pairs compares one type: --type matched ${types.join(', ')}`);
  const pool = cx.pool(undefined, o.metric);
  const column = pool[0]?.columns.find((k) => k.name === o.metric);
  if (!column) throw new ArgsError(`--metric ${JSON.stringify(o.metric)}: no ${types[0]} has this column`);
  if (column.kind !== 'number') throw new ArgsError(`--metric ${o.metric}: not a number column`);
  const width = windowEvery(o, cx.extent.intervalMs);
  const { every, ms } = width;
  const length = o.hours * HOUR;
  const buckets = Math.round(length / ms);
  const side = async (c: Candidate, stream: string, within?: SplitName) => {
    const w = await placeWindow(cx, c, stream, length, width, within);
    if (!w) return undefined;
    const r = await cx.q.range(c.id, { from: w.start, to: w.start + length, columns: [o.metric], agg: 'avg', every, limit: 100_000 });
    const values: (number | null)[] = new Array(buckets).fill(null);
    for (const row of r.rows) values[Math.round((Date.parse(row.ts) - w.start) / ms)] = row[o.metric] as number | null;
    const known = values.filter((v): v is number => v !== null);
    // an equipment off all window long (0 kW) says nothing about how well it runs
    if (known.length * 2 < buckets || known.every((v) => v === 0)) return undefined;
    const mean = known.reduce((a, b) => a + b, 0) / known.length;
    const s: PairSide = {
      equipment: c.id,
      start: new Date(w.start).toISOString(),
      end: new Date(w.start + length).toISOString(),
      mean,
      values,
    };
    return { side: s, split: w.split };
  };
  const out: PairRecord[] = [];
  const unit = column.unit;
  const prompt = `A ${types[0]} over ${o.hours} h: ${o.metric}${unit ? ` in ${unit}` : ''}, averaged every ${every}. Lower ${o.metric} is better. Give the better operating window.`;
  for (let tries = 0; out.length < count; tries++) {
    if (tries >= ATTEMPTS * count)
      throw new ArgsError(`ml: found ${out.length} of ${count} pairs after ${tries} draws: windows longer than the data?`);
    const a = await side(cx.draws.pick('pair.a', pool), 'pair.a.time');
    if (!a) continue;
    const b = await side(cx.draws.pick('pair.b', cx.pool(a.split, o.metric)), 'pair.b.time', a.split);
    if (!b || b.side.mean === a.side.mean) continue;
    const [chosen, rejected] = a.side.mean < b.side.mean ? [a.side, b.side] : [b.side, a.side];
    out.push({
      prompt,
      chosen: windowText(chosen, unit),
      rejected: windowText(rejected, unit),
      ...(a.split ? { split: a.split } : {}),
      type: types[0]!,
      metric: o.metric,
      unit,
      better: 'lower',
      every,
      chosen_window: chosen,
      rejected_window: rejected,
    });
  }
  return out;
}

/** A window as text for a language model: its mean and the bucket values to 2 decimals (`-` where none). */
function windowText(s: PairSide, unit: string | null): string {
  const u = unit ? ` ${unit}` : '';
  return `mean ${s.mean.toFixed(2)}${u}; per bucket: ${s.values.map((v) => (v === null ? '-' : v.toFixed(2))).join(', ')}`;
}
