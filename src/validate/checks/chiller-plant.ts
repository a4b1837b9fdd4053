import { fmt, listSome, numberTag, pct, type StoreEntity } from '../entity-index.js';
import { iso, type ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';
import { alignedParams, alignedSql, RELATION_SHARE, share, type Member } from './aligned-readings.js';

const CAT = 'physics' as const;
/** Chiller capacity in tons of refrigeration from its coolingCapacity tag and the unit stored beside it. */
function capacityTons(ctx: ValidationContext, chiller: StoreEntity): number | undefined {
  const value = numberTag(chiller, 'coolingCapacity');
  if (value === undefined) return undefined;
  const unit = ctx.tags.find((t) => t.entityId === chiller.id && t.name === 'coolingCapacity')?.s ?? 'tonref';
  const perTon: Record<string, number> = { tonref: 1, kW: 3.517, 'BTU/h': 12000, MBH: 12 };
  return unit in perTon ? value / perTon[unit]! : undefined;
}

/** COP, power = load × capacity / COP, ΔT sign and the water-side balance of every chiller while it runs. */
export async function chillerChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  const titles = {
    cop: 'chiller COP 2–10 while running',
    power: 'chiller power ≈ load × capacity × 3.517 / COP (±10%)',
    dt: 'CHW return ≥ supply while running',
    water: 'chiller load ≈ CHW flow × ΔT / 24 (±20%)',
  };
  const members: Member[] = [];
  const caps: [number, number][] = [];
  const skipped: string[] = [];
  const noCapacity: string[] = [];
  for (const ch of ctx.entities.find('chiller equip')) {
    const pick = (m: string) => ctx.entities.pointOf(ch, m);
    const parts = {
      run: pick('run sensor'),
      cop: pick('efficiency sensor'),
      load: pick('load sensor'),
      power: pick('elec power sensor'),
      sup: pick('chilled water leaving temp sensor'),
      ret: pick('chilled water entering temp sensor'),
      flow: pick('chilled water leaving flow sensor'),
    };
    const missing = Object.entries(parts)
      .filter(([, p]) => !p)
      .map(([k]) => k);
    if (missing.length) skipped.push(`${ch.hid} lacks ${missing.join('/')}`);
    for (const [role, p] of Object.entries(parts)) if (p) members.push({ group: ch.id, role, point: p.id });
    const tons = capacityTons(ctx, ch);
    if (tons !== undefined) caps.push([ch.id, tons]);
    else noCapacity.push(ch.hid);
  }
  if (members.length === 0) return Object.entries(titles).map(([k, t]) => notApplicable(CAT, `chiller-${k}`, t, 'no chiller equips'));
  const note = skipped.length ? `; skipped ${listSome(skipped)}` : '';
  const sub = (roles: Record<string, 'Number' | 'Bool'>) => {
    const ms = members.filter((m) => m.role in roles);
    return { sql: alignedSql(ctx, roles), params: alignedParams(ctx, ms) };
  };

  const cop = sub({ run: 'Bool', cop: 'Number' });
  const [c] = await ctx.query<{ n: number; out: number; mn: number | null; mx: number | null; avg: number | null }>(
    'chiller COP',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.cop < 2 OR a.cop > 10)::float8 AS out,
            min(a.cop) AS mn, max(a.cop) AS mx, avg(a.cop) AS avg
       FROM ${cop.sql} a WHERE a.run`,
    cop.params,
  );
  const idle = `n/a: no running readings in the range (chillers off)${note}`;
  const copCheck = check(
    CAT,
    'chiller-cop',
    titles.cop,
    c.out === 0,
    c.n === 0 ? idle : `${c.n} running readings, COP ${fmt(c.mn, 2)}–${fmt(c.mx, 2)} (avg ${fmt(c.avg, 2)}); ${c.out} outside 2–10${note}`,
  );

  const pw = sub({ run: 'Bool', cop: 'Number', load: 'Number', power: 'Number' });
  const [p] = await ctx.query<{ n: number; ok: number; worst: number | null; worst_t: number | null; worst_grp: number | null }>(
    'chiller power',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(power - e) <= 0.10 * e)::float8 AS ok,
            max(abs(power - e) / e) AS worst, (array_agg(t ORDER BY abs(power - e) / e DESC))[1] AS worst_t,
            (array_agg(grp ORDER BY abs(power - e) / e DESC))[1] AS worst_grp
       FROM (SELECT a.*, a.load / 100 * cap.tons * 3.517 / a.cop AS e
               FROM ${pw.sql} a JOIN unnest($7::int[], $8::float8[]) AS cap(grp, tons) ON cap.grp = a.grp
              WHERE a.run AND a.cop > 0 AND a.load > 0) x`,
    [...pw.params, caps.map((x) => x[0]), caps.map((x) => x[1])],
  );
  const pShare = share(p.ok, p.n);
  const capNote = noCapacity.length ? `; no usable coolingCapacity on ${listSome(noCapacity)}` : '';
  const powerCheck = check(
    CAT,
    'chiller-power',
    titles.power,
    noCapacity.length === 0 && pShare >= RELATION_SHARE,
    p.n === 0
      ? `${noCapacity.length ? 'no readings to check' : idle}${capNote}`
      : `${pct(pShare)} of ${p.n} running readings within 10% (need ${pct(RELATION_SHARE)}); worst ${pct(Number(p.worst))} off on ${ctx.entities.label(p.worst_grp)} at ${iso(Number(p.worst_t))}${note}${capNote}`,
  );

  const dt = sub({ run: 'Bool', sup: 'Number', ret: 'Number' });
  const [d] = await ctx.query<{ n: number; ok: number; avg: number | null; mn: number | null }>(
    'chilled water temperatures',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE a.ret >= a.sup - 0.5)::float8 AS ok,
            avg(a.ret - a.sup) AS avg, min(a.ret - a.sup) AS mn
       FROM ${dt.sql} a WHERE a.run`,
    dt.params,
  );
  const dShare = share(d.ok, d.n);
  const dtCheck = check(
    CAT,
    'chw-delta-t',
    titles.dt,
    dShare >= RELATION_SHARE,
    d.n === 0
      ? idle
      : `ΔT avg ${fmt(d.avg)} min ${fmt(d.mn)}; return ≥ supply − 0.5 in ${pct(dShare)} of ${d.n} running readings (need ${pct(RELATION_SHARE)})${note}`,
  );
  return [copCheck, powerCheck, dtCheck, await waterBalance(ctx, members, caps, titles.water, idle)];
}

/** tons = gpm × ΔT(°F) / 24 on the water side must agree with the load the chiller reports. */
async function waterBalance(
  ctx: ValidationContext,
  members: Member[],
  caps: [number, number][],
  title: string,
  idle: string,
): Promise<ValidationCheck> {
  const inUnits = (m: Member) => {
    const unit = ctx.entities.byId.get(m.point)?.tags.unit;
    return m.role === 'flow' ? unit === 'gal/min' : m.role === 'sup' || m.role === 'ret' ? unit === '°F' : true;
  };
  const roles = { run: 'Bool', load: 'Number', flow: 'Number', sup: 'Number', ret: 'Number' } as const;
  const groups = new Set(caps.map((c) => c[0]));
  for (const m of members) if (m.role in roles && !inUnits(m)) groups.delete(m.group);
  const ms = members.filter((m) => m.role in roles && groups.has(m.group));
  if (ms.length === 0)
    return notApplicable(CAT, 'chiller-water-balance', title, 'no chiller with load, capacity, CHW flow (gal/min) and temps (°F)');
  const [r] = await ctx.query<{
    n: number;
    ok: number;
    ratio: number | null;
    worst: number | null;
    worst_t: number | null;
    worst_grp: number | null;
  }>(
    'chiller water balance',
    `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(w - e) <= 0.2 * e)::float8 AS ok, avg(w / e) AS ratio,
            max(abs(w - e) / e) AS worst, (array_agg(t ORDER BY abs(w - e) / e DESC))[1] AS worst_t,
            (array_agg(grp ORDER BY abs(w - e) / e DESC))[1] AS worst_grp
       FROM (SELECT a.grp, a.t, a.flow * (a.ret - a.sup) / 24 AS w, a.load / 100 * cap.tons AS e
               FROM ${alignedSql(ctx, roles)} a JOIN unnest($7::int[], $8::float8[]) AS cap(grp, tons) ON cap.grp = a.grp
              WHERE a.run AND a.load > 0) x`,
    [...alignedParams(ctx, ms), caps.map((c) => c[0]), caps.map((c) => c[1])],
  );
  const s = share(r.ok, r.n);
  return check(
    CAT,
    'chiller-water-balance',
    title,
    s >= RELATION_SHARE,
    r.n === 0
      ? idle
      : `water-side/reported tons avg ${fmt(r.ratio, 3)}; within 20% in ${pct(s)} of ${r.n} running readings (need ${pct(RELATION_SHARE)}); worst ${pct(Number(r.worst))} off on ${ctx.entities.label(r.worst_grp)} at ${iso(Number(r.worst_t))}`,
  );
}
