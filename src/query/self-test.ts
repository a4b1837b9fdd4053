import type { QueryClient } from './query-client.js';

/** One step of a self-test: what it did, whether it worked, how long it took and what it found. */
export interface SelfTestCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string;
}

export interface SelfTestReport {
  readonly ok: boolean;
  readonly checks: readonly SelfTestCheck[];
  /** the equipment the per-equipment checks used */
  readonly equipment: string | undefined;
}

const DAY = 86_400_000;

/**
 * What users run to see a store works: the equipment and their types, one equipment's columns and newest
 * reading, then one query of each kind with its time. `quick` skips the 7- and 30-day aggregates. A check
 * that throws or finds nothing fails; the others still run.
 */
export async function selfTest(q: QueryClient, options: { readonly quick?: boolean } = {}): Promise<SelfTestReport> {
  const checks: SelfTestCheck[] = [];
  const check = async (name: string, fn: () => Promise<string | false>): Promise<void> => {
    const started = performance.now();
    let ok = false;
    let detail: string;
    try {
      const found = await fn();
      ok = found !== false;
      detail = found === false ? 'found nothing' : found;
    } catch (err) {
      detail = err instanceof Error ? err.message : String(err);
    }
    checks.push({ name, ok, ms: performance.now() - started, detail });
  };

  const list = (await q.equipment()).rows;
  await check('equipment', async () => {
    if (list.length === 0) return false;
    const types = new Map<string, number>();
    for (const e of list) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    const byType = [...types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t, n]) => `${t} ${n}`);
    return `${list.length} equipment (${q.layout} layout): ${byType.join(', ')}`;
  });
  const equip = (list.find((e) => e.type === 'chiller') ?? list[0])?.id;
  if (equip === undefined) return { ok: false, checks, equipment: undefined };
  const columns = (await q.columns(equip)).rows;
  const column = columns.find((c) => c.kind === 'number')?.name;
  await check(
    'columns',
    async () =>
      columns.length > 0 &&
      `${equip}: ${columns.length} columns (${columns
        .slice(0, 6)
        .map((c) => `${c.name}${c.unit ? ` ${c.unit}` : ''}`)
        .join(', ')}${columns.length > 6 ? ', …' : ''})`,
  );
  let end = Date.now();
  await check('latest', async () => {
    const [row] = (await q.latest(equip)).rows;
    if (!row) return false;
    end = Date.parse(row.ts) + 1;
    return `${row.ts}: ${Object.values(row).filter((v) => v !== null).length - 1} of ${columns.length} columns logged`;
  });
  const cols = column === undefined ? undefined : [column];
  const hourly = (days: number) => async () => {
    const r = await q.range(equip, { columns: cols, from: end - days * DAY, to: end, agg: 'avg', every: '1h', limit: 1_000 });
    return r.rowCount > 0 && `${r.rowCount} hourly averages of ${column ?? 'every column'} over ${days} day${days > 1 ? 's' : ''}`;
  };
  await check('range 1 day hourly', hourly(1));
  if (!options.quick) {
    await check('range 7 days hourly', hourly(7));
    await check('range 30 days hourly', hourly(30));
  }
  let avg: number | null = null;
  await check('stats 24 h', async () => {
    const r = await q.stats(equip, { from: end - DAY, to: end });
    avg = r.rows.find((s) => s.column === column)?.avg ?? null;
    return r.timestamps > 0 && `${r.timestamps} timestamps, ${r.rowCount} columns`;
  });
  await check('anomalies 24 h', async () => {
    if (column === undefined) return 'no number column to scan';
    const r = await q.anomalies(equip, { column, op: '>', value: avg ?? 0, from: end - DAY, to: end });
    return `${r.rowCount}${r.truncated ? '+' : ''} readings of ${column} above its 24 h average`;
  });
  await check('alerts 24 h', async () => `${(await q.alerts({ since: '24h' })).rowCount} alerts across the site`);
  await check('events 24 h', async () => `${(await q.events({ since: '24h' })).rowCount} labelled ground-truth events`);
  return { ok: checks.every((c) => c.ok), checks, equipment: equip };
}
