import { HBool, type HDateTime, HDict, HGrid, HNum, HRef, HStr, type HVal, Kind, valueIsKind } from 'haystack-core';
import type { PointHistory } from '../../../query/query-client.js';
import type { Cell } from '../../../query/query-types.js';
import { quoteIdent } from '../../../sql/sql-quote.js';
import { HaystackRequestError } from '../haystack-errors.js';
import { firstRow, type HaystackOp, type OpContext, refArg, siteDateTime, textArg } from '../haystack-op.js';
import { parseHisRange, type HisSpan } from '../his-range.js';

/** Most samples one point's hisRead answers (a year of 1-minute data is 525,600). */
const MAX_SAMPLES = 1_000_000;
/** Most points one batch hisRead reads. */
const MAX_BATCH = 100;
/** Most samples one hisWrite takes. */
const MAX_WRITE = 100_000;

/**
 * hisRead: one point (`id`, `range` in the row) as ts/val, or a batch (`range` in the grid's meta, an `id`
 * per row) as ts/v0/v1/… with each column's `id` in its meta, rows merged on ts.
 */
export const hisReadOp: HaystackOp = {
  name: 'hisRead',
  summary: 'Read time series data from historian',
  run: async (request, cx) => {
    const rows = request.getRows();
    const batch = rows.length > 1 || (request.meta.has('range') && !firstRow(request)?.has('range'));
    const rangeText = textArg(batch ? request.meta : firstRow(request), 'range') ?? textArg(request.meta, 'range');
    if (rangeText === undefined) throw new HaystackRequestError('hisRead needs a range (today, yesterday, a date, two dates, date-times)');
    const span = parseHisRange(rangeText, cx.timeZone, cx.clock());
    const ids = rows.map((r) => refArg(r, 'id'));
    if (ids.length === 0) throw new HaystackRequestError('hisRead needs an id');
    if (ids.length > MAX_BATCH) throw new HaystackRequestError(`a batch hisRead reads at most ${MAX_BATCH} points`);
    const series = await Promise.all(ids.map((id) => readSeries(cx, id, span)));
    const meta = { hisStart: siteDateTime(span.from, cx), hisEnd: siteDateTime(span.to, cx) };
    if (!batch) {
      const grid = HGrid.make({
        meta: HDict.make({ id: HRef.make(ids[0]!, cx.entities.get(ids[0]!)?.get<HStr>('dis')?.value), ...meta }),
        rows: series[0]!.map(([t, v]) => HDict.make({ ts: siteDateTime(t, cx), val: v })),
      });
      ensureColumns(grid, ['ts', 'val']);
      return grid;
    }
    const merged = new Map<number, Record<string, HVal>>();
    series.forEach((s, i) => {
      for (const [t, v] of s) {
        let row = merged.get(t);
        if (!row) merged.set(t, (row = { ts: siteDateTime(t, cx) }));
        row[`v${i}`] = v;
      }
    });
    const grid = HGrid.make({
      meta: HDict.make(meta),
      rows: [...merged.keys()].sort((a, b) => a - b).map((t) => HDict.make(merged.get(t)!)),
    });
    ensureColumns(grid, ['ts', ...ids.map((_, i) => `v${i}`)]);
    ids.forEach((id, i) => grid.getColumn(`v${i}`)?.meta.set('id', HRef.make(id)));
    return grid;
  },
};

/**
 * hisWrite: samples (ts, val rows) for the point in the grid's meta `id`, into the store's history in
 * either layout (the haystack layout's row per value, or the point's column in its equipment's wide table,
 * leaving the row's other columns as they are). A sample at a timestamp the store holds replaces it; of
 * two samples at one timestamp in a request the later wins.
 */
export const hisWriteOp: HaystackOp = {
  name: 'hisWrite',
  summary: 'Write time series data to historian',
  writes: true,
  run: async (request, cx) => {
    const id = refArg(request.meta, 'id');
    const history = known(cx, id);
    const rows = request.getRows();
    if (rows.length > MAX_WRITE) throw new HaystackRequestError(`hisWrite takes at most ${MAX_WRITE} samples per request`, 413);
    const kind = history.column.kind;
    const expected = kind === 'number' ? Kind.Number : kind === 'bool' ? Kind.Bool : Kind.Str;
    const samples = new Map<string, number | boolean | string>();
    for (const row of rows) {
      const t = row.get('ts');
      const v = row.get('val');
      if (!t || !valueIsKind<HDateTime>(t, Kind.DateTime)) throw new HaystackRequestError('every hisWrite row needs ts, a DateTime');
      if (!v || !valueIsKind(v, expected))
        throw new HaystackRequestError(`point @${id} holds ${kind} values; val ${(v as HVal | null)?.toZinc() ?? 'null'} is not one`);
      const value = (v as unknown as { value: number | boolean | string }).value;
      if (kind === 'number' && !Number.isFinite(value)) throw new HaystackRequestError('hisWrite takes finite numbers');
      samples.set(t.date.toISOString(), value);
    }
    await cx.store.query(...writeStatement(history, [...samples.keys()], [...samples.values()]));
    return HGrid.make({});
  },
};

/** The upsert of one point's samples into the table its layout keeps them in. */
function writeStatement(history: PointHistory, ts: string[], values: (number | boolean | string)[]): [string, unknown[]] {
  const kind = history.column.kind;
  const table = history.table;
  if (table.layout === 'wide') {
    const column = quoteIdent(history.column.name);
    const type = kind === 'number' ? 'float8' : kind === 'bool' ? 'bool' : 'text';
    return [
      `INSERT INTO ${table.name} (ts, ${column}) SELECT x.ts, x.v FROM unnest($1::timestamptz[], $2::${type}[]) AS x(ts, v)
       ON CONFLICT (ts) DO UPDATE SET ${column} = EXCLUDED.${column}`,
      [ts, values],
    ];
  }
  const only = (k: typeof kind) => values.map((v) => (kind === k ? v : null));
  return [
    `INSERT INTO ${table.name} (entity_id, ts, value_n, value_b, value_s)
     SELECT $1::int, x.ts, x.n, x.b, x.s FROM unnest($2::timestamptz[], $3::numeric[], $4::bool[], $5::varchar[]) AS x(ts, n, b, s)
     ON CONFLICT (entity_id, ts) DO UPDATE SET value_n = EXCLUDED.value_n, value_b = EXCLUDED.value_b, value_s = EXCLUDED.value_s`,
    [table.entityId, ts, only('number'), only('bool'), only('text')],
  ];
}

async function readSeries(cx: OpContext, id: string, span: HisSpan): Promise<[number, HVal][]> {
  const history = known(cx, id);
  const name = history.column.name;
  const result = await cx.client.range(history.equip, { columns: [name], from: span.from, to: span.to, limit: MAX_SAMPLES });
  if (result.truncated) throw new HaystackRequestError(`@${id} has more than ${MAX_SAMPLES} samples in the range: ask a shorter one`);
  const unit = cx.entities.get(id)?.get<HStr>('unit')?.value;
  return result.rows.filter((r) => r[name] !== null).map((r) => [Date.parse(r.ts), hval(r[name]!, unit)]);
}

function known(cx: OpContext, id: string): PointHistory {
  const history = cx.client.historyOf(id);
  if (history) return history;
  const entity = cx.entities.get(id);
  throw new HaystackRequestError(entity ? `@${id} is not a point with history (his)` : `unknown id @${id}`, entity ? 400 : 404);
}

function hval(cell: Exclude<Cell, null>, unit: string | undefined): HVal {
  return typeof cell === 'number' ? HNum.make(cell, unit) : typeof cell === 'boolean' ? HBool.make(cell) : HStr.make(cell);
}

/** An empty answer still names its columns, so clients find ts and val. */
function ensureColumns(grid: HGrid, names: readonly string[]): void {
  for (const name of names) if (!grid.hasColumn(name)) grid.addColumn(name);
}
