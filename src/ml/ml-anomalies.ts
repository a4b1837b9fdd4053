import { ArgsError } from '../errors.js';
import { ATTEMPTS, type Candidate, type SampleContext } from './ml-context.js';
import type { StateRecord } from './ml-types.js';

const HOUR = 3_600_000;

export const ANOMALY_SOURCES = ['ground_truth', 'threshold', 'both'] as const;
export type AnomalySource = (typeof ANOMALY_SOURCES)[number];

export interface AnomalyOptions {
  /** where the labels come from; `both`: half each (all threshold when no labelled fault is in the data) */
  readonly source: AnomalySource;
  /** threshold: a reading is anomalous beyond mean ± k·σ of its scan window */
  readonly k: number;
  /** threshold: the column tested; default a seeded pick of each equipment's number columns */
  readonly column?: string;
  /** threshold: the scan window's length in hours */
  readonly windowHours: number;
}

/** `count` anomalous states, from the ground truth, thresholds or both (ground truth first, then thresholds). */
export async function sampleAnomalies(cx: SampleContext, count: number, o: AnomalyOptions): Promise<StateRecord[]> {
  const truth = o.source === 'threshold' ? 0 : o.source === 'ground_truth' ? count : cx.faults.length > 0 ? Math.ceil(count / 2) : 0;
  if (truth > 0 && cx.faults.length === 0)
    throw new ArgsError('ml: the candidates have no labelled faults in the data; use --anomaly-source threshold or both');
  const out = await groundTruthAnomalies(cx, truth);
  out.push(...(await thresholdAnomalies(cx, count - truth, o)));
  return out;
}

/** States inside labelled faults: a seeded fault, a seeded grid instant in it (within the data), its readings. */
async function groundTruthAnomalies(cx: SampleContext, count: number): Promise<StateRecord[]> {
  const out: StateRecord[] = [];
  const { from, to, intervalMs } = cx.extent;
  for (let tries = 0; out.length < count; tries++) {
    if (tries >= ATTEMPTS * count) throw new ArgsError(`ml: found ${out.length} of ${count} ground-truth anomalies after ${tries} draws`);
    const f = cx.draws.pick('truth.fault', cx.faults);
    const first = from + Math.ceil((Math.max(f.start, from) - from) / intervalMs) * intervalMs;
    const steps = Math.ceil((Math.min(f.end, to) - first) / intervalMs);
    if (steps <= 0) continue;
    const t = first + cx.draws.below('truth.time', steps) * intervalMs;
    const row = await cx.readRow(f.equipment, t);
    if (row) out.push(cx.state(cx.candidate(f.equipment), row, cx.plan.splitOf(f.equipment, t)));
  }
  return out;
}

/**
 * States whose reading of a number column lies beyond mean ± k·σ of that column over a scan window (the
 * window inside one split): a seeded equipment, column and window, then a seeded one of its outliers.
 */
async function thresholdAnomalies(cx: SampleContext, count: number, o: AnomalyOptions): Promise<StateRecord[]> {
  const out: StateRecord[] = [];
  const pool = cx.pool(undefined, o.column);
  if (count > 0 && pool.length === 0) throw new ArgsError(`--column ${o.column}: none of the equipment sampled has this column`);
  const length = o.windowHours * HOUR;
  for (let tries = 0; out.length < count; tries++) {
    if (tries >= ATTEMPTS * count) throw new ArgsError(`ml: found ${out.length} of ${count} threshold anomalies after ${tries} draws`);
    const c = cx.draws.pick('threshold.equipment', pool);
    const column = o.column ?? pickNumberColumn(cx, c);
    if (!column) continue;
    const placed = cx.plan.place(cx.draws.next('threshold.time'), length, c.id, cx.extent.intervalMs);
    if (!placed) continue;
    const window = await cx.q.range(c.id, { from: placed.start, to: placed.start + length, columns: [column], limit: 1_000_000 });
    const values = window.rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number');
    if (values.length < 3) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    const outliers = window.rows.filter((r) => typeof r[column] === 'number' && Math.abs((r[column] as number) - mean) > o.k * std);
    if (std === 0 || outliers.length === 0) continue;
    const hit = cx.draws.pick('threshold.outlier', outliers);
    const row = await cx.readRow(c.id, Date.parse(hit.ts));
    if (!row) continue;
    const unit = c.columns.find((k) => k.name === column)!.unit;
    const threshold = {
      column,
      unit,
      value: hit[column] as number,
      mean,
      std,
      k: o.k,
      window_start: new Date(placed.start).toISOString(),
      window_end: new Date(placed.start + length).toISOString(),
    };
    out.push(cx.state(c, row, placed.split, threshold));
  }
  return out;
}

function pickNumberColumn(cx: SampleContext, c: Candidate): string | undefined {
  const numbers = c.columns.filter((k) => k.kind === 'number');
  return numbers.length === 0 ? undefined : cx.draws.pick('threshold.column', numbers).name;
}
