import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import type { ColumnStats } from '../query/query-types.js';
import type { ContextDoc } from './context-doc.js';
import { contextPeriod, type PeriodOptions } from './context-period.js';
import { time, value } from './context-text.js';

export interface CompareOptions extends PeriodOptions {
  /** default: the number columns every equipment has */
  readonly columns?: readonly string[];
}

/**
 * Several equipment on the same columns over one period (ending just after the newest reading any of them
 * has): avg, min and max of each, one line per column naming the highest and lowest average.
 */
export async function compareContext(q: QueryClient, equipment: readonly string[], options: CompareOptions = {}): Promise<ContextDoc> {
  const ids = [...new Set(equipment)];
  if (ids.length < 2) throw new ArgsError('context compare needs at least two equipment (e.g. chiller_001 chiller_002)');
  const columnSets = await Promise.all(ids.map(async (e) => (await q.columns(e)).rows));
  const shared = columnSets[0]!.filter((c) => c.kind === 'number' && columnSets.every((cs) => cs.some((x) => x.name === c.name)));
  const names = options.columns ?? shared.map((c) => c.name);
  const title = `Comparison of ${ids.join(', ')}`;
  if (names.length === 0)
    return { head: [`${title}: no number column is common to them all; name columns with --columns.`], items: [], noun: 'columns' };
  const period = await contextPeriod(q, ids, options);
  if (!period) return { head: [`${title}: no data, none of them has readings in the store.`], items: [], noun: 'columns' };
  const stats = new Map<string, ReadonlyMap<string, ColumnStats>>();
  for (const id of ids) {
    const r = await q.stats(id, { columns: names, from: period.from, to: period.to });
    stats.set(id, new Map(r.rows.map((s) => [s.column, s])));
  }
  const head = [
    `${title} over ${period.hours} h from ${time(period.from)} to ${time(period.to)}; per column: avg / min / max of each (readings).`,
  ];
  const items = names.map((name, rank) => {
    const unit = columnSets.flat().find((c) => c.name === name)?.unit;
    const per = ids.map((id) => ({ id, s: stats.get(id)!.get(name)! }));
    const cells = per.map(({ id, s }) =>
      s.count ? `${id} ${value(s.avg)} / ${value(s.min)} / ${value(s.max)} (${s.count})` : `${id} no readings`,
    );
    const ranked = per.filter((p) => p.s.avg !== null).sort((a, b) => b.s.avg! - a.s.avg! || (a.id < b.id ? -1 : 1));
    const extremes = ranked.length > 1 ? `; highest avg ${ranked[0]!.id}, lowest ${ranked.at(-1)!.id}` : '';
    return { text: `- ${name}${unit ? ` (${unit})` : ''}: ${cells.join('; ')}${extremes}`, rank };
  });
  if ([...stats.values()].every((m) => [...m.values()].every((s) => s.count === 0)))
    return { head: [...head, 'No data: none of them has readings of these columns in this period.'], items: [], noun: 'columns' };
  return { head, items, noun: 'columns' };
}
