import { HBool, HDict, HGrid, HNum, HStr, type HVal, Kind, valueIsKind } from 'haystack-core';
import { HaystackRequestError } from '../haystack-errors.js';
import { firstRow, type HaystackOp, refArg, textArg } from '../haystack-op.js';
import { LEVELS } from '../point-writes.js';

/** The longest timed override: a week. */
const MAX_DURATION_MS = 7 * 86_400_000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, sec: 1000, min: 60_000, h: 3_600_000, hr: 3_600_000, day: 86_400_000 };

/**
 * pointWrite on a `writable` point: with only `id`, its priority array (17 rows: level, levelDis, val,
 * who); with `level` (1-17) and `val`, a write at that level (an optional `duration` relinquishes it
 * later); with `level` and no val (or null), a relinquish. Writing needs write permission; reading not.
 */
export const pointWriteOp: HaystackOp = {
  name: 'pointWrite',
  summary: 'Read/write writable point priority array',
  run: async (request, cx) => {
    const row = firstRow(request);
    const id = refArg(row, 'id');
    const point = cx.entities.get(id);
    if (!point) throw new HaystackRequestError(`unknown id @${id}`, 404);
    if (!point.has('writable')) throw new HaystackRequestError(`@${id} is not a writable point`);
    if (row!.has('level')) {
      if (!cx.mayWrite)
        throw new HaystackRequestError('pointWrite writes need write permission: a user with write access, or serve --allow-writes', 403);
      const level = Number(textArg(row, 'level'));
      const val = row!.get('val') ?? null;
      if (val !== null) checkKind(val, point.get<HStr>('kind')?.value, id);
      if (val !== null) checkUnit(val, point.get<HStr>('unit')?.value, id);
      await cx.writes.write(id, level, val, textArg(row, 'who') ?? cx.who, duration(row!.get('duration')));
      // a point the live simulation takes as an input: what is in effect from now on is its commanded value
      if (cx.simulation?.takesOverride(id)) {
        const { from, spans } = cx.writes.timeline(id);
        const numbers = spans.map((s) => ({ start: s.start, end: s.end, value: numeric(s.val) }));
        await cx.simulation.override(id, from, numbers);
      }
    }
    const levels = cx.writes.array(id);
    return HGrid.make({
      rows: Array.from({ length: LEVELS }, (_, i) => {
        const l = levels[i];
        return HDict.make({
          level: HNum.make(i + 1),
          levelDis: HStr.make(i === LEVELS - 1 ? 'default' : `level ${i + 1}`),
          ...(l ? { val: l.val, who: HStr.make(l.who) } : {}),
        });
      }),
    });
  },
};

function checkKind(val: HVal, kind: string | undefined, id: string): void {
  const expected = kind === 'Bool' ? Kind.Bool : kind === 'Str' ? Kind.Str : Kind.Number;
  if (!valueIsKind(val, expected))
    throw new HaystackRequestError(`@${id} takes ${kind ?? 'Number'} values; ${(val as HVal).toZinc()} is not one`);
  if (expected === Kind.Number && !Number.isFinite((val as HNum).value)) throw new HaystackRequestError('pointWrite takes finite numbers');
}

/** What the simulation takes: a Number's value, a Bool as 1 or 0. */
function numeric(val: HVal): number {
  return valueIsKind<HNum>(val, Kind.Number) ? val.value : val.equals(HBool.make(true)) ? 1 : 0;
}

/** A number with a unit must be in the point's unit: the simulation takes the value as it is. */
function checkUnit(val: HVal, unit: string | undefined, id: string): void {
  const given = valueIsKind<HNum>(val, Kind.Number) ? val.unit?.symbol : undefined;
  if (given !== undefined && unit !== undefined && given !== unit)
    throw new HaystackRequestError(`@${id} is in ${unit}; ${val.toZinc()} is in ${given}`);
}

function duration(v: HVal | null | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!valueIsKind<HNum>(v, Kind.Number)) throw new HaystackRequestError('duration must be a Number with a time unit (30min)');
  const factor = UNIT_MS[v.unit?.symbol ?? 's'];
  const ms = factor === undefined ? Number.NaN : v.value * factor;
  if (!(ms > 0 && ms <= MAX_DURATION_MS))
    throw new HaystackRequestError(`duration must be a positive time of at most 7 days, got ${v.toZinc()}`);
  return ms;
}
