import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num } from '../../model/point-template.js';
import { hashString, mix, NoiseTrack } from '../../random/rng.js';
import { type CampusContext, type CampusDrivers, TRANSFER_MIN, upsHealthAt } from '../../sim/physics/campus-context.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { qualityEvents } from '../../sim/quality-events.js';
import type { GroundTruthEvent } from '../../sim/sample.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { HARMONIC_GROUP, harmonicKvaRss, rectifierThdPct, UPS_HARMONICS } from '../../sim/relations/elec-power-quality.js';
import {
  criticalLoadShare,
  PLC_BOOT_MIN,
  sinceSelfTestMin,
  TEST_MIN,
  UPS_AUTONOMY_MIN,
  UPS_CELLS,
  UPS_KW_PER_KVA,
  upsHoldMin,
} from '../../sim/physics/ups-supply.js';
import {
  END_V_PER_CELL,
  newUpsBattery,
  TEST_PASS_V_PER_CELL,
  upsBattery,
  upsCellVolts,
  upsEfficiency,
} from '../../sim/relations/elec-ups.js';
import { defineCampusType } from './campus-type.js';
import {
  ELEC_POINTS,
  elecMeta,
  feed,
  loadHarmonics,
  newHarmonics,
  newMeterInput,
  newScratch,
  supplyHz,
  supplyVolts,
  writeElec,
  writePower,
} from './elec-columns.js';

const MINUTE = 60_000;
/** how long after an outage's end a dropped load's event can last (a PLC's boot) */
const DROP_REACH_MS = 10 * MINUTE;
/** a failing battery test is ended within seconds: the first minute's reading catches its sag */
const FAILED_TEST_MIN = 0.5;

/**
 * `mode` states in code order, its Haystack `enum`: on the rectifier, on battery (mains lost), in its battery test,
 * output off (the load dropped). The engine carries the code; both table layouts, files and streams write the name.
 */
export const UPS_MODES = ['online', 'battery', 'test', 'off'] as const;
const MODE = Object.fromEntries(UPS_MODES.map((name, code) => [name, code])) as Record<(typeof UPS_MODES)[number], number>;

/**
 * The IT and instruments' draw over its mean: servers follow their utilisation, a few per cent more through the
 * afternoon and the production shifts than before dawn, wandering ±1.5 % over the hours and a few tenths of a
 * per cent minute to minute (a UPS output that reads the same to 10 W for days is no room of computers). The
 * battery's discharge and the weekly test stay sized at the mean (`upsLoadShare`).
 */
function itLoadFactor(d: CampusDrivers, [slow, fast]: readonly NoiseTrack[], t: number): number {
  const afternoon = 0.5 - 0.5 * Math.cos((2 * Math.PI * (d.hour - 3)) / 24);
  return 0.975 + 0.03 * afternoon + 0.02 * d.production + 0.015 * slow!.at(t) + 0.004 * fast!.at(t);
}

/**
 * `ups_NNN`: double-conversion UPS carrying the PLC panels and IT through outages on battery. Its weekly battery
 * test puts the load on the string for a few minutes: a worn string sags further, the runtime the UPS estimates
 * from it falls, and a test it fails raises `alarm_status` (replace battery) until the string is replaced. A string
 * too worn to take the load drops it at an outage's start (ups-supply.ts), until mains returns.
 */
export const campusUps = defineCampusType({
  name: 'ups',
  role: 'ups',
  markers: 'ups elec',
  points: [
    ...ELEC_POINTS,
    num('output_power_kw', 'Output Power', 'ac elec active power sensor', 'kW', 2),
    num('ups_load_percent', 'UPS Load', 'elec load sensor', '%', 1),
    num('efficiency_percent', 'Efficiency', 'elec efficiency sensor', '%', 2),
    num('battery_voltage_v', 'Battery Voltage', 'dc elec volt sensor battery', 'V', 1, { noise: 0.1 }),
    num('battery_charge_percent', 'Battery Charge', 'battery stateOfCharge sensor', '%', 1),
    num('battery_runtime_min', 'Runtime Remaining', 'battery sensor', 'min', 0),
    num('battery_current_a', 'Battery Current', 'dc elec current sensor battery', 'A', 1),
    { key: 'mode', dis: 'Mode', markers: 'elec sensor', kind: 'Str', decimals: 0, tags: { enum: UPS_MODES.join(',') } },
    { key: 'alarm_status', dis: 'Battery Test Failed', markers: 'alarm sensor', kind: 'Bool', decimals: 0 },
  ],
  ratingTags: (e: CampusEquip) => ({ ratedApparentPower: HNum.make(e.rating, 'kVA') }),
  physics: ({ equips, rows, seed }, campus) => {
    const itTracks = equips.map((n) =>
      [0x17, 0x18].map((k) => new NoiseTrack(seed, mix(hashString(n.id), k), k === 0x17 ? 120 * MINUTE : 10 * MINUTE)),
    );
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.2));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      out: r('output_power_kw'),
      load: r('ups_load_percent'),
      eff: r('efficiency_percent'),
      bv: r('battery_voltage_v'),
      soc: r('battery_charge_percent'),
      rt: r('battery_runtime_min'),
      bi: r('battery_current_a'),
      mode: r('mode'),
      alarm: r('alarm_status'),
    };
    const batt = newUpsBattery();
    const estimate = newUpsBattery();
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
    const grid = campus.topology.site.campus!.grid;
    return {
      eventsBetween: (start, end) => loadDrops(campus, seed, start, end),
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const el = state.elec;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const ratedKw = e.rating * UPS_KW_PER_KVA;
          const live = campus.upsLive[pos] === 1;
          // the critical load: PLC panels on it plus the IT and instruments of its room
          const it = ratedKw * criticalLoadShare(e, 0) * itLoadFactor(d, itTracks[i]!, t);
          const demand = live ? el.kw[pos]! + it : 0;
          const frac = demand / ratedKw;
          const mains = d.gridUp || (e.essential && d.outageMin >= campus.dgDelay(e));
          const health = upsHealthAt(frame, pos, k, t);
          // the weekly test, on the grid only: what the string showed then is what the UPS knows of it
          const since = sinceSelfTestMin(e.index, frame.local.dayOfWeek[k]!, d.hour);
          const tested = upsHealthAt(frame, pos, k, t - since * MINUTE);
          const passed = upsCellVolts(campus.upsLoadShare[pos]!, tested, 0) >= TEST_PASS_V_PER_CELL;
          const testMin = passed ? TEST_MIN : FAILED_TEST_MIN;
          const testing = d.gridUp && since < testMin;
          // the last discharge and the recharge since: this outage's until its DG set took the bus, the last
          // outage's, or the last test's
          let dischargedMin = 0;
          let recharge = 1e6;
          const last = d.gridUp ? campus.grid.lastBefore(t) : undefined;
          if (!d.gridUp && mains) {
            dischargedMin = campus.dgDelay(e);
            recharge = d.outageMin - dischargedMin;
          } else if (last && (last.end - t) / MINUTE > testMin - since) {
            const length = (last.end - last.start) / MINUTE;
            dischargedMin = e.essential ? Math.min(length, campus.dgDelay(e)) : length;
            recharge = d.restoredMin + (length - dischargedMin);
          } else if (d.gridUp && since >= testMin && since < testMin + 1440) {
            dischargedMin = testMin;
            recharge = since - testMin;
          }
          let left = 100;
          if (dischargedMin > 0) {
            upsBattery(UPS_CELLS, ratedKw, UPS_AUTONOMY_MIN, ratedKw * campus.upsLoadShare[pos]!, dischargedMin, 0, 100, health, batt);
            left = batt.chargePct;
          }
          const onBatteryMin = testing ? Math.max(since, 1e-3) : mains ? 0 : d.outageMin;
          // a dropped load: the string as the discharge left it (run flat, or collapsed at once), then at rest
          const drawn = live ? demand : el.kw[pos]! + it;
          upsBattery(UPS_CELLS, ratedKw, UPS_AUTONOMY_MIN, drawn, onBatteryMin, recharge, left, health, batt);
          if (!live) {
            batt.currentA = 0;
            batt.runtimeMin = 0;
          }
          if (testing && !passed) {
            // the string sags below the pass band under the test's load before the UPS ends the test
            batt.voltageV = UPS_CELLS * Math.max(END_V_PER_CELL - 0.05, upsCellVolts(frac, health, 0));
            batt.currentA = (demand * 1000) / 0.95 / batt.voltageV;
          }
          if (onBatteryMin === 0) {
            // on the rectifier the runtime shown is the UPS's estimate from its last test, not the string's truth
            upsBattery(UPS_CELLS, ratedKw, UPS_AUTONOMY_MIN, demand, 0, recharge, left, tested, estimate);
            batt.runtimeMin = estimate.runtimeMin;
          }
          const eff = upsEfficiency(frac);
          const charging = mains && !testing && recharge < 600 ? Math.max(0, -batt.currentA) * batt.voltageV * 0.001 : 0;
          // in its test the rectifier steps back: the string carries the inverter
          const kw = mains && !testing ? demand / eff + charging : 0;
          const mode = !live ? MODE.off : testing ? MODE.test : mains ? MODE.online : MODE.battery;
          input.kw = kw;
          input.kvar = kw * 0.1;
          input.closed = mains;
          // the rectifier's load: what it draws for the inverter and the string
          loadHarmonics(HARMONIC_GROUP.ups, rectifierThdPct(UPS_HARMONICS, kw / ratedKw), kw, input.kvar, harmonics);
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          feed(state, campus, pos, kw, input.kvar, harmonics);
          if (!columnsWanted(frame, pos)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          writeRow(truth, cols.out[i]!, T, k, demand);
          writeRow(truth, cols.load[i]!, T, k, 100 * frac);
          writeRow(truth, cols.eff[i]!, T, k, 100 * eff);
          writeRow(truth, cols.bv[i]!, T, k, batt.voltageV);
          writeRow(truth, cols.soc[i]!, T, k, batt.chargePct);
          writeRow(truth, cols.rt[i]!, T, k, batt.runtimeMin);
          writeRow(truth, cols.bi[i]!, T, k, batt.currentA);
          writeRow(truth, cols.mode[i]!, T, k, mode);
          // raised by a failed test (or a string that dropped its load), cleared when the string is replaced
          writeRow(truth, cols.alarm[i]!, T, k, (!passed && since >= testMin) || !live || campus.upsBackMin[pos]! < 1440 ? 1 : 0);
          input.vLL = supplyVolts(grid.nominalVolts, campus, e, d, seed, t);
          input.hz = supplyHz(grid.frequencyHz, campus, e, d, seed, t);
          input.iscA = 6_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        }
      },
    };
  },
});

/**
 * Ground truth of the loads the UPSs dropped: for each grid outage, each UPS whose string could not hold its load
 * until mains returned (ups-supply.ts, with the degradation and DG windows the engine draws), one `supply-loss`
 * event on the UPS (from the drop until mains returns) and one on each PLC panel behind it (until it has booted).
 */
function loadDrops(campus: CampusContext, seed: number, start: number, end: number): GroundTruthEvent[] {
  const out: GroundTruthEvent[] = [];
  const faults = qualityEvents(campus.topology, seed);
  const plcs = campus.plan.of('plc');
  for (const o of campus.grid.eventsBetween(start - DROP_REACH_MS, end, campus.topology.site.site.id)) {
    const at = faults.faultsBetween(o.start, o.start + 1);
    const windowOf = (position: number, code: FaultCode) =>
      at.find((w) => w.code === code && w.equips.includes(position) && o.start < w.event.end);
    for (const e of campus.plan.of('ups')) {
      const position = campus.position.get(e.id)!;
      const worn = windowOf(position, FaultCode.UpsBatteryDegradation);
      const health = worn
        ? 1 - (1 - worn.value!) * Math.min(1, Math.max(0, (o.start - worn.event.start) / (worn.event.end - worn.event.start)))
        : 1;
      const dg = e.backupDg ? windowOf(campus.position.get(e.backupDg)!, FaultCode.DgFailToStart) : undefined;
      const transferMin = e.essential ? (dg ? dg.value! : TRANSFER_MIN) : Number.POSITIVE_INFINITY;
      const gapMin = Math.min(transferMin, (o.end - o.start) / MINUTE);
      const holdMin = upsHoldMin(campus.upsLoadShare[position]!, health);
      if (holdMin >= gapMin) continue;
      const drop = o.start + Math.round(holdMin * MINUTE);
      const back = o.start + Math.round(gapMin * MINUTE);
      const params = {
        kind: 'ups-load-drop',
        cause: holdMin === 0 ? 'battery too worn to take the load' : 'battery exhausted before mains returned',
        ups: e.id,
        capacityPercent: Math.round(100 * health),
        outage: o.id,
      };
      const push = (id: string, until: number) => {
        if (drop < end && until > start)
          out.push({ id: `ups-load-drop:${id}:${o.start}`, type: 'supply-loss', entityId: id, start: drop, end: until, params });
      };
      push(e.id, back);
      for (const p of plcs) if (p.ups === e.id) push(p.id, back + PLC_BOOT_MIN * MINUTE);
    }
  }
  return out;
}
