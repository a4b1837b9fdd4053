import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build-model.js';
import { loadProfile } from '../../profile/load-profile.js';
import { Engine } from '../../sim/engine.js';
import { HARMONIC_SPECTRA } from '../../sim/relations/elec-power-quality.js';
import { transformerLossesW } from '../../sim/relations/elec-transformer.js';
import { Status } from '../../sim/sample.js';
import { EQUIPMENT_TYPES } from '../index.js';

// Harmonics and power factor as a plant electrical engineer reads them on 1-minute trends: a production
// weekday (Wednesday 2025-06-11 IST) and a Sunday (2025-06-15 IST), seed 1.
const { profile } = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
const { model, topology } = buildModel(profile, EQUIPMENT_TYPES);
const MINUTE = 60_000;
const DAY = 86_400_000;
const WEDNESDAY = Date.parse('2025-06-10T18:30:00Z');
const SUNDAY = Date.parse('2025-06-14T18:30:00Z');
const engine = new Engine(model, topology, { seed: 1, intervalMs: MINUTE, epochMs: WEDNESDAY - DAY });
const chunks = [WEDNESDAY, SUNDAY].flatMap((start) =>
  engine.chunksIn(start, start + DAY).map((c) => engine.computeChunk(c, start, start + DAY)),
);
const ts = Float64Array.from(chunks.flatMap((c) => [...c.batch.timestamps]));
const T = ts.length;
const rowOf = new Map(model.points.map((p) => [p.id, p.index]));
const spikes = chunks.flatMap((c) => c.events).filter((e) => e.type === 'spike');

/** Readings of one column over both days, NaN where the status is not ok or a spike (a bad poll) is labelled. */
function col(equip: string, key: string): Float64Array {
  const r = rowOf.get(`${equip}.${key}`);
  if (r === undefined) throw new Error(`no point ${equip}.${key}`);
  const bad = spikes.filter((e) => e.entityId === `${equip}.${key}`);
  const v = new Float64Array(T);
  let k = 0;
  for (const c of chunks) {
    const n = c.batch.timestamps.length;
    for (let i = 0; i < n; i++, k++) {
      const t = ts[k]!;
      const ok = c.batch.status[r * n + i] === Status.Ok && !bad.some((e) => t >= e.start - MINUTE && t < e.end + MINUTE);
      v[k] = ok ? c.batch.values[r * n + i]! : Number.NaN;
    }
  }
  return v;
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** hour of the day (IST) of minute k */
const hourOf = (k: number) => Math.floor(((ts[k]! - WEDNESDAY) % DAY) / 3_600_000);
/** fundamental apparent power, kVA: kW and the meters' (fundamental) kVAr */
const fundamental = (kw: number, kvar: number) => Math.hypot(kw, kvar);

const vfdLoads = topology.equips.filter((e) => (e.config as { vfd?: string }).vfd).map((e) => e.id);

describe('campus harmonics and power factor that move with load', () => {
  it('has a drive on each of the 25 VFD panels, and a weekday and a Sunday of minutes', () => {
    expect(vfdLoads.length).toBe(25);
    expect(T).toBe(2 * 1440);
  });

  it("a drive's harmonic amps fall with its load more slowly than its fundamental: THD_I highest in its lightest hour", () => {
    let compared = 0;
    for (const id of vfdLoads) {
      const kw = col(id, 'active_power_kw');
      const kvar = col(id, 'reactive_power_kvar');
      const thd = col(id, 'thd_current_percent');
      // running hours (every minute of the hour on, with readings), by their mean fundamental
      const hours: { s1: number; h: number; thd: number }[] = [];
      for (let start = 0; start < T; start += 60) {
        const s1: number[] = [];
        const th: number[] = [];
        for (let k = start; k < start + 60; k++)
          if (kw[k]! > 0.2 && Number.isFinite(thd[k]!) && Number.isFinite(kvar[k]!)) {
            s1.push(fundamental(kw[k]!, kvar[k]!));
            th.push(thd[k]!);
          }
        if (s1.length === 60) hours.push({ s1: mean(s1), thd: mean(th), h: mean(s1.map((s, i) => (s * th[i]!) / 100)) });
      }
      if (hours.length < 4) continue;
      hours.sort((a, b) => a.s1 - b.s1);
      const low = hours[0]!;
      const high = hours.at(-1)!;
      // a load range worth comparing: the lightest hour below 80 % of the heaviest
      if (low.s1 > 0.8 * high.s1) continue;
      compared++;
      expect(low.thd, id).toBeGreaterThan(high.thd);
      expect(low.h, id).toBeLessThan(high.h);
      expect(low.h / high.h, id).toBeGreaterThan(low.s1 / high.s1);
      // a 6-pulse drive with a choke: 35–45 % near its rating, not below it at any load
      expect(high.thd, id).toBeGreaterThan(35);
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it("VFD panels read true PF: their drive's near-constant DPF (0.95–0.97) over √(1 + THD_I²), falling as the load does", () => {
    let moving = 0;
    for (let n = 1; n <= 25; n++) {
      const id = `lt_vfd_${String(n).padStart(3, '0')}`;
      const kw = col(id, 'active_power_kw');
      const kvar = col(id, 'reactive_power_kvar');
      const pf = col(id, 'power_factor');
      const thd = col(id, 'thd_current_percent');
      const byKw: { kw: number; pf: number }[] = [];
      for (let k = 0; k < T; k++) {
        if (!(kw[k]! > 1) || !Number.isFinite(pf[k]!) || !Number.isFinite(thd[k]!)) continue;
        const dpf = kw[k]! / fundamental(kw[k]!, kvar[k]!);
        // (the tower fans' drives draw 0.33 kVAr/kW: 0.9497)
        expect(dpf, id).toBeGreaterThanOrEqual(0.945);
        expect(dpf, id).toBeLessThanOrEqual(0.98);
        // the meter's resolution (0.001 PF, 0.01 kVAr) and its THD's noise (0.2 %) on a small drive
        const tol = 0.002 + (0.004 * thd[k]!) / 100 + 0.01 / kw[k]!;
        expect(Math.abs(pf[k]! - dpf / Math.sqrt(1 + (thd[k]! / 100) ** 2)), id).toBeLessThan(tol);
        byKw.push({ kw: kw[k]!, pf: pf[k]! });
      }
      // a drive whose load moves (a condenser-water pump runs at one speed): its PF is lowest where its load is
      byKw.sort((a, b) => a.kw - b.kw);
      const tenth = Math.floor(byKw.length / 10);
      if (byKw.length < 100 || byKw[tenth]!.kw > 0.8 * byKw.at(-tenth)!.kw) continue;
      moving++;
      const pfOf = (xs: { pf: number }[]) => mean(xs.map((x) => x.pf));
      expect(pfOf(byKw.slice(0, tenth)), id).toBeLessThan(pfOf(byKw.slice(-tenth)) - 0.01);
    }
    expect(moving).toBeGreaterThanOrEqual(10);
  });

  it("an MCC's THD_I: its feeders' harmonic amps (S1·THD) added in phase within a group (drives; linear loads and its own small motors), the groups root-sum-square", () => {
    const children = new Map<string, string[]>();
    for (const e of topology.equips) {
      const by = (e.config as { fedBy?: string }).fedBy;
      if (by?.startsWith('lt_mcc_')) children.set(by, [...(children.get(by) ?? []), e.id]);
    }
    let checked = 0;
    for (const [mcc, feeders] of children) {
      const kw = col(mcc, 'active_power_kw');
      const kvar = col(mcc, 'reactive_power_kvar');
      const thd = col(mcc, 'thd_current_percent');
      const rows = feeders.map((f) => ({
        drive: f.startsWith('lt_vfd_'),
        kw: col(f, 'active_power_kw'),
        kvar: col(f, 'reactive_power_kvar'),
        thd: col(f, 'thd_current_percent'),
      }));
      for (let k = 0; k < T; k++) {
        if (!(kw[k]! > 5) || !Number.isFinite(thd[k]!)) continue;
        let drive = 0;
        let linear = 0;
        let fedKw = 0;
        let fedKvar = 0;
        let ok = true;
        for (const r of rows) {
          if (!Number.isFinite(r.thd[k]!) || !Number.isFinite(r.kw[k]!)) ok = false;
          const h = (fundamental(r.kw[k]!, r.kvar[k]!) * r.thd[k]!) / 100;
          if (r.drive) drive += h;
          else linear += h;
          fedKw += r.kw[k]!;
          fedKvar += r.kvar[k]!;
        }
        if (!ok) continue;
        // its own small motors: what its incomer reads beyond its feeders (0.6 % cable loss on the kW), 4 % THD
        const own = fundamental(Math.max(0, kw[k]! / 1.006 - fedKw), Math.max(0, kvar[k]! - fedKvar));
        linear += 0.04 * own;
        const expected = (100 * Math.hypot(drive, linear)) / fundamental(kw[k]!, kvar[k]!);
        // each reading carries 0.2 % noise; a bus's several add in quadrature
        expect(Math.abs(thd[k]! - expected), `${mcc} at ${k}`).toBeLessThan(1 + 0.03 * expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  // IEEE C57.110-2018: load loss = Σ_h I_h²·(P_R + P_EC·h² + P_OSL·h^0.8), Pk split I²R 80 %, winding eddy 6.6 %
  // (33 % of a 20 % stray loss, liquid-immersed), other stray 13.4 %. Relative to the fundamental's k²·Pk a group
  // adds t²·w, t its harmonic amps over the fundamental and w = P_R + P_EC·Σp·h² + P_OSL·Σp·h^0.8 over its
  // spectrum (p: each order's share of its harmonic current squared), so the rise lies between THD²·min w and
  // THD²·max w whatever the groups' mix
  it("transformers lose more than P0 + k²·Pk with harmonic current, by THD²·w of the groups' spectra; more where THD_I is highest", () => {
    const w = HARMONIC_SPECTRA.map((spectrum) => {
      const sq = spectrum.reduce((s, [, i]) => s + i * i, 0);
      const at = (x: number) => spectrum.reduce((s, [h, i]) => s + (i * i * h ** x) / sq, 0);
      return 0.8 + 0.066 * at(2) + 0.134 * at(0.8);
    });
    const [wLo, wHi] = [Math.min(...w), Math.max(...w)];
    let compared = 0;
    for (const e of topology.equips.filter((x) => x.id.startsWith('trf_'))) {
      const rating = (e.config as { rating: number }).rating;
      const { noLoadW, loadLossW } = transformerLossesW(rating);
      const kw = col(e.id, 'active_power_kw');
      const kvar = col(e.id, 'reactive_power_kvar');
      const loss = col(e.id, 'losses_kw');
      const thd = col(e.id, 'thd_current_percent');
      const kf = col(e.id, 'k_factor');
      const hours: { thd: number; thd2: number; rise: number; kf: number }[] = [];
      for (let start = 0; start < T; start += 60) {
        let [excess, base, thd1, thd2, kfs, n] = [0, 0, 0, 0, 0, 0];
        for (let k = start; k < start + 60; k++) {
          if (!(kw[k]! > 0.1 * rating) || ![kvar, loss, thd, kf].every((c) => Number.isFinite(c[k]!))) continue;
          const k1sq = (fundamental(kw[k]!, kvar[k]!) / rating) ** 2;
          excess += loss[k]! - (noLoadW + k1sq * loadLossW) / 1000;
          base += (k1sq * loadLossW) / 1000;
          thd1 += thd[k]!;
          thd2 += (thd[k]! / 100) ** 2;
          kfs += kf[k]!;
          n++;
        }
        if (n < 50) continue;
        hours.push({ thd: thd1 / n, thd2: thd2 / n, rise: excess / base, kf: kfs / n });
      }
      for (const h of hours) {
        expect(h.rise, e.id).toBeGreaterThan(0);
        // the meter's THD_I is off by a few tenths of a per cent over an hour (its 0.2 % noise is slow, 30 min–3 h)
        expect(h.rise, e.id).toBeGreaterThan(wLo * ((h.thd - 0.5) / 100) ** 2);
        expect(h.rise, e.id).toBeLessThan(wHi * ((h.thd + 0.5) / 100) ** 2);
        // the K-factor it reports is F_HL = Σ I_h²·h² / Σ I_h²: the rise is (1 + THD²)(P_R + P_EC·F_HL + P_OSL·F_HL-STR) − 1
        // with 1 ≤ F_HL-STR ≤ F_HL^0.4 (h^0.8 = (h²)^0.4 is concave: Jensen)
        const at = (str: number) => (1 + h.thd2) * (0.8 + 0.066 * h.kf + 0.134 * str) - 1;
        expect(h.rise, e.id).toBeGreaterThan(at(1) - 2e-3);
        expect(h.rise, e.id).toBeLessThan(at(h.kf ** 0.4) + 2e-3);
      }
      hours.sort((a, b) => a.thd2 - b.thd2);
      const [low, high] = [hours[0]!, hours.at(-1)!];
      if (high.thd2 < 1.5 * low.thd2) continue;
      compared++;
      expect(high.rise, e.id).toBeGreaterThan(low.rise);
      expect(high.kf, e.id).toBeGreaterThan(low.kf);
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it('the HT incomer: THD_I rises when production stops (Sunday, night) and stays within IEEE 519-2014 at the PCC', () => {
    const kw = col('em_001', 'active_power_kw');
    const kvar = col('em_001', 'reactive_power_kvar');
    const thd = col('em_001', 'thd_current_percent');
    const during = (day: number, from: number, to: number) => {
      const xs: number[] = [];
      for (let k = day * 1440; k < (day + 1) * 1440; k++)
        if (hourOf(k) >= from && hourOf(k) < to && Number.isFinite(thd[k]!)) xs.push(thd[k]!);
      return mean(xs);
    };
    const weekday = during(0, 10, 16);
    const sunday = during(1, 10, 16);
    // on Sunday the process motors (direct on line, 4 %) stop while the HVAC drives, UPSs and lighting run on: the
    // rectifiers' share of the current and the THD rise, by far more than the meter's 0.2 % noise
    expect(sunday - weekday).toBeGreaterThan(1);
    // IEEE 519-2014 Table 2: an 11 kV PCC with Isc/IL in 20–50 (a 250 MVA fault level: 13 kA, over a
    // maximum demand of about 8 MVA: 420 A) allows 8 % TDD: harmonic amps over the maximum demand current
    let maxDemand = 0;
    for (let k = 0; k < T; k++) if (Number.isFinite(kw[k]!)) maxDemand = Math.max(maxDemand, fundamental(kw[k]!, kvar[k]!));
    let worst = 0;
    for (let k = 0; k < T; k++) {
      if (!Number.isFinite(thd[k]!) || !(kw[k]! > 0)) continue;
      worst = Math.max(worst, (thd[k]! * fundamental(kw[k]!, kvar[k]!)) / maxDemand);
    }
    expect(worst).toBeGreaterThan(1);
    expect(worst).toBeLessThan(8);
  });
});
