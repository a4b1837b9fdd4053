import { HBool, type HDict, HNum, HStr, type HVal } from 'haystack-core';
import type { QueryClient } from '../../query/query-client.js';
import type { Cell } from '../../query/query-types.js';
import { refValue } from './entity-index.js';
import type { PointWrites } from './point-writes.js';

/**
 * Points with their current value as a Haystack server shows them: `curVal` (an effective pointWrite of a
 * writable point first, else the newest value in the store, which a live service keeps current) and
 * `curStatus`. Points without either come back as they are.
 */
export async function withCurVals(client: QueryClient, writes: PointWrites, points: readonly HDict[]): Promise<HDict[]> {
  const columnsByEquip = new Map<string, string[]>();
  for (const p of points) {
    const h = client.historyOf(refValue(p.get('id')) ?? '');
    if (h) columnsByEquip.set(h.equip, [...(columnsByEquip.get(h.equip) ?? []), h.column.name]);
  }
  const latest = new Map<string, Cell>();
  for (const [equip, columns] of columnsByEquip) {
    const [row] = (await client.latest(equip, { columns })).rows;
    for (const c of columns) latest.set(`${equip}/${c}`, row?.[c] ?? null);
  }
  return points.map((p) => {
    const id = refValue(p.get('id')) ?? '';
    const written = writes.effective(id);
    const h = client.historyOf(id);
    const stored = h ? latest.get(`${h.equip}/${h.column.name}`) : undefined;
    const value = written?.val ?? (stored === undefined || stored === null ? undefined : cellValue(stored, p));
    if (value === undefined) return p;
    const out = p.newCopy() as HDict;
    out.set('curVal', value);
    out.set('curStatus', HStr.make('ok'));
    if (written) out.set('writeLevel', HNum.make(written.level));
    return out;
  });
}

function cellValue(cell: Exclude<Cell, null>, point: HDict): HVal {
  if (typeof cell === 'boolean') return HBool.make(cell);
  if (typeof cell === 'string') return HStr.make(cell);
  const unit = point.get<HStr>('unit')?.value;
  return HNum.make(cell, unit);
}
