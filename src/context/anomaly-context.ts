import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import { parseNumber } from '../query/query-inputs.js';
import type { EventRow } from '../query/query-types.js';
import type { ContextDoc } from './context-doc.js';
import { contextPeriod, type PeriodOptions } from './context-period.js';
import { plural, time, value } from './context-text.js';

export interface AnomalyContextOptions extends PeriodOptions {
  /** default: every number column */
  readonly columns?: readonly string[];
  /** readings beyond mean ± k·σ are anomalous (default 2) */
  readonly k?: number;
}

/** A run of consecutive readings of one column beyond the same bound. */
interface Run {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** the reading furthest from the mean, and how far in σ */
  readonly peak: number;
  readonly z: number;
}

/**
 * Readings of an equipment's number columns beyond mean ± k·σ (each column's own, over the period),
 * grouped into runs of consecutive readings, the largest deviations first under a budget. Each run says
 * whether it overlaps a labelled ground-truth event of the equipment or of that column's point.
 */
export async function anomalyContext(q: QueryClient, equip: string, options: AnomalyContextOptions = {}): Promise<ContextDoc> {
  const k = options.k === undefined ? 2 : parseNumber(options.k, '--k');
  if (k <= 0) throw new ArgsError(`--k ${k}: expected a number of standard deviations above 0`);
  const all = (await q.columns(equip)).rows;
  const names = options.columns ?? all.filter((c) => c.kind === 'number').map((c) => c.name);
  for (const name of names) {
    const c = all.find((x) => x.name === name);
    if (c && c.kind !== 'number') throw new ArgsError(`--columns ${name} of ${equip} is not a number column (it holds ${c.kind})`);
  }
  const title = `Anomalies of ${equip}`;
  if (names.length === 0) return { head: [`${title}: no data, ${equip} has no number columns.`], items: [], noun: 'anomaly runs' };
  const period = await contextPeriod(q, [equip], options);
  if (!period) return { head: [`${title}: no data, ${equip} has no readings in the store.`], items: [], noun: 'anomaly runs' };
  const range = await q.range(equip, { columns: names, from: period.from, to: period.to, limit: 100_000 });
  const events = (await q.events({ equip, from: period.from, to: period.to })).rows;
  const head = [
    `${title} over ${period.hours} h from ${time(period.from)} to ${time(period.to)}: readings beyond mean ± ${value(k)}σ of each column, ${plural(names.length, 'column')} scanned${range.truncated ? ` (the first ${range.rowCount} timestamps only)` : ''}.`,
  ];
  const runs: Run[] = [];
  const bounds = new Map<string, { mean: number; sd: number; unit: string | null }>();
  for (const name of names) {
    const xs = range.rows.map((r) => ({ ts: r.ts, v: r[name] })).filter((p): p is { ts: string; v: number } => typeof p.v === 'number');
    if (xs.length < 2) continue;
    const mean = xs.reduce((s, p) => s + p.v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, p) => s + (p.v - mean) ** 2, 0) / xs.length);
    if (!(sd > 0)) continue;
    bounds.set(name, { mean, sd, unit: all.find((c) => c.name === name)?.unit ?? null });
    let open: { from: string; to: string; count: number; peak: number; z: number; side: number } | undefined;
    for (const p of xs) {
      const z = (p.v - mean) / sd;
      const side = z > k ? 1 : z < -k ? -1 : 0;
      if (open && side !== open.side) {
        runs.push({ column: name, ...open });
        open = undefined;
      }
      if (side === 0) continue;
      if (!open) open = { from: p.ts, to: p.ts, count: 0, peak: p.v, z, side };
      open = { ...open, to: p.ts, count: open.count + 1, ...(Math.abs(z) > Math.abs(open.z) ? { peak: p.v, z } : {}) };
    }
    if (open) runs.push({ column: name, ...open });
  }
  if (runs.length === 0) {
    head.push(`No anomalies: every reading lies within mean ± ${value(k)}σ (${plural(events.length, 'labelled event')} in the period).`);
    return { head, items: [], noun: 'anomaly runs' };
  }
  const matched = runs.map((r) => events.filter((e) => overlaps(r, e)));
  const labelled = matched.filter((m) => m.length > 0).length;
  const types = [...new Set(matched.flat().map((e) => e.type))].sort();
  head.push(
    `${plural(runs.length, 'anomaly run')} in ${plural(new Set(runs.map((r) => r.column)).size, 'column')}; ${labelled} overlap labelled ground-truth events${types.length ? ` (${types.join(', ')})` : ''}; ${plural(events.length, 'labelled event')} in the period.`,
  );
  const byDeviation = runs.map((r, i) => ({ i, z: Math.abs(r.z) })).sort((a, b) => b.z - a.z || a.i - b.i);
  const rank = new Map(byDeviation.map((x, n) => [x.i, n]));
  const items = runs.map((r, i) => {
    const b = bounds.get(r.column)!;
    const span = r.count === 1 ? time(r.from) : `${time(r.from)} to ${time(r.to)}`;
    const truth = matched[i]!.length
      ? ` — labelled: ${matched[i]!.map((e) => `${e.type} ${e.key} (${time(e.start)} to ${time(e.end)})`).join('; ')}`
      : ' — no labelled event';
    return {
      text: `- ${r.column} (mean ${value(b.mean)}${b.unit ? ` ${b.unit}` : ''}, σ ${value(b.sd)}): ${span}, ${plural(r.count, 'reading')}, peak ${value(r.peak)} (${r.z >= 0 ? '+' : ''}${value(r.z)}σ)${truth}`,
      rank: rank.get(i)!,
    };
  });
  return { head, items, noun: 'anomaly runs' };
}

/** A run overlaps an event of the whole equipment, or of the run's own column, in time. */
function overlaps(run: Run, e: EventRow): boolean {
  return (e.column === null || e.column === run.column) && e.start <= run.to && run.from < e.end;
}
