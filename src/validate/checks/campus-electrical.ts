import { fmt, listSome, pct, type StoreEntity } from '../entity-index.js';
import type { EquipSeries } from '../equip-series.js';
import type { ValidationContext } from '../validation-context.js';
import { check, notApplicable, type ValidationCheck } from '../validation-report.js';

const CAT = 'physics' as const;

/** The worst of a figure over equipment, with where it was. */
class Worst {
  value = Number.NEGATIVE_INFINITY;
  where = '';
  offend(value: number | null, where: string): void {
    if (value !== null && Number.isFinite(value) && value > this.value) {
      this.value = value;
      this.where = where;
    }
  }
  text(f: (v: number) => string): string {
    return Number.isFinite(this.value) ? `${f(this.value)} on ${this.where}` : '–';
  }
}

const ELEC = [
  'active_power_kw',
  'active_power_r_kw',
  'active_power_y_kw',
  'active_power_b_kw',
  'voltage_v',
  'current_a',
  'power_factor',
  'reactive_power_kvar',
  'apparent_power_kva',
  'thd_current_percent',
] as const;

/**
 * A multifunction meter's own arithmetic on every metered campus equipment, over rows carrying more than 1 %
 * of the equipment's largest kW: kW = √3·V·I·PF within 1 % (plus the display resolution of V, I and PF: a
 * 0.2 kW pump draws 0.3 A, shown to 0.1), per-phase kW summing to the total within their rounding (4 × 0.005),
 * kVA = √(kW² + kVAr² + D²) within 1 %: the meter's PF is the true PF and its kVAr the fundamental's, so the
 * harmonic currents' distortion power D = S1·THD_I (IEEE 1459) closes the triangle.
 */
export async function meterArithmetic(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck[]> {
  const titles = {
    vipf: 'kW = √3·V·I·PF within 1% on every metered equipment',
    phases: 'per-phase kW sum to the total (within rounding)',
    kva: 'kVA² = kW² + kVAr² + D² (D = S1·THD_I) within 1%',
  };
  const equips = ctx.entities.find('equip');
  let n = 0;
  let metered = 0;
  const bad = { vipf: [] as string[], phases: [] as string[], kva: [] as string[] };
  const worst = { vipf: new Worst(), phases: new Worst(), kva: new Worst() };
  for (const e of equips) {
    const sql = series.rows(e, ELEC);
    if (!sql) continue;
    const [r] = await ctx.query<{
      n: number;
      vipf: number;
      vipf_w: number | null;
      ph: number;
      ph_w: number | null;
      kva: number;
      kva_w: number | null;
    }>(
      `meter arithmetic of ${e.hid}`,
      `SELECT count(*)::float8 AS n,
              count(*) FILTER (WHERE abs(p - e) > 0.01 * p + res)::float8 AS vipf, max((abs(p - e) - res) / p) AS vipf_w,
              count(*) FILTER (WHERE abs(ps - p) > 0.0201)::float8 AS ph, max(abs(ps - p)) AS ph_w,
              count(*) FILTER (WHERE abs(s - h) > 0.01 * s + 0.01)::float8 AS kva, max(abs(s - h) / nullif(s, 0)) AS kva_w
         FROM (SELECT r.active_power_kw AS p, sqrt(3) * r.voltage_v * r.current_a * r.power_factor / 1000 AS e,
                      sqrt(3) / 1000 * (0.05 * (r.voltage_v + r.current_a) * r.power_factor + 0.0005 * r.voltage_v * r.current_a) + 0.005 AS res,
                      r.active_power_r_kw + r.active_power_y_kw + r.active_power_b_kw AS ps,
                      r.apparent_power_kva AS s,
                      sqrt((r.active_power_kw ^ 2 + r.reactive_power_kvar ^ 2) * (1 + (r.thd_current_percent / 100) ^ 2)) AS h,
                      max(r.active_power_kw) OVER () AS mx
                 FROM ${sql} r) x
        WHERE p > 0.01 * mx AND p > 0`,
    );
    metered++;
    if (!r || r.n === 0) continue;
    n += r.n;
    if (r.vipf > 0) bad.vipf.push(`${e.hid} ${r.vipf}/${r.n}`);
    if (r.ph > 0) bad.phases.push(`${e.hid} ${r.ph}/${r.n}`);
    if (r.kva > 0) bad.kva.push(`${e.hid} ${r.kva}/${r.n}`);
    worst.vipf.offend(r.vipf_w, e.hid);
    worst.phases.offend(r.ph_w, e.hid);
    worst.kva.offend(r.kva_w, e.hid);
  }
  if (n === 0) {
    const why = metered ? 'no loaded rows of metered equipment in the range' : 'no equipment with the campus meter columns';
    return Object.entries(titles).map(([k, t]) => notApplicable(CAT, `campus-meter-${k}`, t, why));
  }
  const head = `${metered} equipment, ${n} loaded rows`;
  return [
    check(
      CAT,
      'campus-meter-vipf',
      titles.vipf,
      bad.vipf.length === 0,
      `${head}; worst beyond the display resolution ${worst.vipf.text((v) => pct(v))}${bad.vipf.length ? `; off on ${listSome(bad.vipf)}` : ''}`,
    ),
    check(
      CAT,
      'campus-meter-phases',
      titles.phases,
      bad.phases.length === 0,
      `${head}; worst |Σphase − total| ${worst.phases.text((v) => `${fmt(v, 3)} kW`)}${bad.phases.length ? `; off on ${listSome(bad.phases)}` : ''}`,
    ),
    check(
      CAT,
      'campus-meter-kva',
      titles.kva,
      bad.kva.length === 0,
      `${head}; worst ${worst.kva.text((v) => pct(v))}${bad.kva.length ? `; off on ${listSome(bad.kva)}` : ''}`,
    ),
  ];
}

/** Transformers: input = output + losses (to the rounding of three 2-decimal columns), efficiency 97–99.7 % when loaded. */
export async function transformerBalance(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck[]> {
  const titles = {
    balance: 'transformer input = output + losses',
    eff: 'transformer efficiency 97–99.7% when loaded',
  };
  const trfs = ctx.entities.find('elec transformer equip');
  let n = 0;
  const bad = { balance: [] as string[], eff: [] as string[] };
  const worst = new Worst();
  let effLo = Number.POSITIVE_INFINITY;
  let effHi = Number.NEGATIVE_INFINITY;
  for (const e of trfs) {
    const sql = series.rows(e, ['input_power_kw', 'active_power_kw', 'losses_kw', 'efficiency_percent']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; bal: number; bal_w: number | null; eff: number; lo: number | null; hi: number | null }>(
      `losses of ${e.hid}`,
      `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE abs(input_power_kw - active_power_kw - losses_kw) > 0.0151)::float8 AS bal,
              max(abs(input_power_kw - active_power_kw - losses_kw)) AS bal_w,
              count(*) FILTER (WHERE efficiency_percent < 97 OR efficiency_percent > 99.7)::float8 AS eff,
              min(efficiency_percent) AS lo, max(efficiency_percent) AS hi
         FROM (SELECT r.*, max(r.active_power_kw) OVER () AS mx FROM ${sql} r) x WHERE active_power_kw > 0.01 * mx AND active_power_kw > 0`,
    );
    if (!r || r.n === 0) continue;
    n += r.n;
    if (r.bal > 0) bad.balance.push(`${e.hid} ${r.bal}/${r.n}`);
    if (r.eff > 0) bad.eff.push(`${e.hid} ${r.eff}/${r.n} (${fmt(r.lo, 2)}–${fmt(r.hi, 2)}%)`);
    worst.offend(r.bal_w, e.hid);
    if (r.lo !== null) effLo = Math.min(effLo, r.lo);
    if (r.hi !== null) effHi = Math.max(effHi, r.hi);
  }
  if (n === 0) {
    const why = trfs.length ? 'no loaded transformer rows in the range' : 'no transformers';
    return [notApplicable(CAT, 'campus-trf-balance', titles.balance, why), notApplicable(CAT, 'campus-trf-efficiency', titles.eff, why)];
  }
  return [
    check(
      CAT,
      'campus-trf-balance',
      titles.balance,
      bad.balance.length === 0,
      `${trfs.length} transformers, ${n} loaded rows; worst |in − out − losses| ${worst.text((v) => `${fmt(v, 3)} kW`)}${bad.balance.length ? `; off on ${listSome(bad.balance)}` : ''}`,
    ),
    check(
      CAT,
      'campus-trf-efficiency',
      titles.eff,
      bad.eff.length === 0,
      `efficiency ${fmt(effLo, 2)}–${fmt(effHi, 2)}% over ${n} loaded rows${bad.eff.length ? `; outside on ${listSome(bad.eff)}` : ''}`,
    ),
  ];
}

/**
 * PCC buses: the APFC-corrected displacement power factor 0.95–0.99 and voltage THD ≤ 8 % (IEEE 519 below 1 kV),
 * labelled windows aside. The relay corrects the fundamental's cos φ, kW over √(kW² + kVAr²); the bus meter's
 * `power_factor` is the true PF, below it by the harmonic currents' distortion.
 */
export async function pccQuality(ctx: ValidationContext, series: EquipSeries): Promise<ValidationCheck[]> {
  const titles = {
    pf: 'PCC bus displacement power factor (APFC-corrected) 0.95–0.99',
    thd: 'voltage THD at the PCC and transformer LV ≤ 8% (IEEE 519)',
  };
  const pccs = ctx.entities.find('elec panel switchgear equip');
  const trfs = ctx.entities.find('elec transformer equip');
  if (pccs.length === 0) return Object.entries(titles).map(([k, t]) => notApplicable(CAT, `campus-pcc-${k}`, t, 'no PCC buses'));
  // a failed capacitor step is the APFC panel's fault: the bus's rows in it are its signature, not a bad bus
  const apfcOf = new Map<number, StoreEntity[]>();
  for (const a of ctx.entities.find('elec panel capacitor equip')) {
    const bus = ctx.entities.ref(a, 'elecRef');
    if (bus) apfcOf.set(bus.id, [...(apfcOf.get(bus.id) ?? []), a]);
  }
  let n = 0;
  let pfLo = Number.POSITIVE_INFINITY;
  let pfHi = Number.NEGATIVE_INFINITY;
  const badPf: string[] = [];
  for (const e of pccs) {
    const sql = series.rows(e, ['active_power_kw', 'reactive_power_kvar']);
    if (!sql) continue;
    const apfcs = (apfcOf.get(e.id) ?? []).map((a) => Math.trunc(a.id));
    const apfcFault = apfcs.length
      ? `AND NOT EXISTS (SELECT 1 FROM core.haysim_event f WHERE f.org_id = ${Math.trunc(ctx.orgId)} AND f.entity_id IN (${apfcs.join(', ')})
              AND f.type IN ('fault', 'maintenance', 'stale') AND x.ts BETWEEN f.start_ts AND f.end_ts)`
      : '';
    const [r] = await ctx.query<{ n: number; out: number; lo: number | null; hi: number | null }>(
      `power factor of ${e.hid}`,
      `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE dpf < 0.95 OR dpf > 0.99)::float8 AS out, min(dpf) AS lo, max(dpf) AS hi
         FROM (SELECT r.*, max(r.active_power_kw) OVER () AS mx,
                      round((r.active_power_kw / NULLIF(sqrt(r.active_power_kw ^ 2 + r.reactive_power_kvar ^ 2), 0))::numeric, 3)::float8 AS dpf
                 FROM ${sql} r) x
        WHERE active_power_kw > 0.01 * mx AND active_power_kw > 0 ${apfcFault}`,
    );
    if (!r || r.n === 0) continue;
    n += r.n;
    if (r.out > 0) badPf.push(`${e.hid} ${r.out}/${r.n} (${fmt(r.lo, 3)}–${fmt(r.hi, 3)})`);
    if (r.lo !== null) pfLo = Math.min(pfLo, r.lo);
    if (r.hi !== null) pfHi = Math.max(pfHi, r.hi);
  }
  const pf =
    n === 0
      ? notApplicable(CAT, 'campus-pcc-pf', titles.pf, 'no loaded PCC rows in the range')
      : check(
          CAT,
          'campus-pcc-pf',
          titles.pf,
          badPf.length === 0,
          `${pccs.length} buses, ${n} loaded rows outside APFC faults, PF ${fmt(pfLo, 3)}–${fmt(pfHi, 3)}${badPf.length ? `; outside on ${listSome(badPf)}` : ''}`,
        );
  let m = 0;
  const thd = new Worst();
  const badThd: string[] = [];
  for (const e of [...pccs, ...trfs]) {
    const sql = series.rows(e, ['thd_voltage_percent']);
    if (!sql) continue;
    const [r] = await ctx.query<{ n: number; out: number; hi: number | null }>(
      `voltage THD of ${e.hid}`,
      `SELECT count(*)::float8 AS n, count(*) FILTER (WHERE thd_voltage_percent > 8)::float8 AS out, max(thd_voltage_percent) AS hi FROM ${sql} r`,
    );
    if (!r || r.n === 0) continue;
    m += r.n;
    thd.offend(r.hi, e.hid);
    if (r.out > 0) badThd.push(`${e.hid} ${r.out}/${r.n}`);
  }
  const thdCheck =
    m === 0
      ? notApplicable(CAT, 'campus-pcc-thd', titles.thd, 'no voltage THD rows in the range')
      : check(
          CAT,
          'campus-pcc-thd',
          titles.thd,
          badThd.length === 0,
          `${m} rows outside labelled events, max ${thd.text((v) => `${fmt(v, 2)}%`)}${badThd.length ? `; over 8% on ${listSome(badThd)}` : ''}`,
        );
  return [pf, thdCheck];
}
