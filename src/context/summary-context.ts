import type { QueryClient } from '../query/query-client.js';
import type { ColumnStats } from '../query/query-types.js';
import type { ContextDoc } from './context-doc.js';
import { contextPeriod, type PeriodOptions } from './context-period.js';
import { plural, time, value, withUnit } from './context-text.js';

export interface SummaryOptions extends PeriodOptions {
  /** default: every column */
  readonly columns?: readonly string[];
}

/**
 * One equipment: what it is, its newest reading (each column to 2 decimals with its unit) and the min,
 * average and max of each number or boolean column over the period (the 24 h up to that reading by default).
 */
export async function summaryContext(q: QueryClient, equip: string, options: SummaryOptions = {}): Promise<ContextDoc> {
  const latest = (await q.latest(equip, { columns: options.columns })).rows[0];
  const columns = (await q.columns(equip)).rows.filter((c) => options.columns === undefined || options.columns.includes(c.name));
  const info = (await q.equipment()).rows.find((e) => e.id === equip || e.haystackId === equip)!;
  const id = info.id;
  const head = [
    `Equipment ${id}${info.name ? ` "${info.name}"` : ''}: type ${info.type}, Haystack id ${info.haystackId}, ${plural(columns.length, 'column')}, site time zone ${q.timeZone}.`,
  ];
  const period = latest && (await contextPeriod(q, [id], options));
  if (!latest || !period) return { head: [...head, `No data: ${id} has no readings in the store.`], items: [], noun: 'columns' };
  const numeric = columns.filter((c) => c.kind !== 'text').map((c) => c.name);
  const stats = numeric.length ? await q.stats(id, { columns: numeric, from: period.from, to: period.to }) : undefined;
  const byColumn = new Map<string, ColumnStats>((stats?.rows ?? []).map((s) => [s.column, s]));
  head.push(
    `Latest reading ${time(latest.ts)}; statistics over ${period.hours} h from ${time(period.from)} to ${time(period.to)} (${plural(stats?.timestamps ?? 0, 'timestamp')}).`,
    'column: latest (min / avg / max over the period)',
  );
  const items = columns.map((c, rank) => {
    const s = byColumn.get(c.name);
    const range = s && s.count > 0 ? ` (${value(s.min)} / ${value(s.avg)} / ${value(s.max)})` : s ? ' (no readings in the period)' : '';
    return { text: `- ${c.name}: ${withUnit(latest[c.name], c.unit)}${range}`, rank };
  });
  return { head, items, noun: 'columns' };
}
