import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import { CampusInstant, type InstantDrivers } from '../../sim/physics/campus-instant.js';
import { writeRow } from '../../sim/physics/frame.js';
import { chillerCop, partLoadFactor } from '../../sim/relations/chiller-performance.js';
import { foulingLiftK, newScrewCircuit, screwCircuit, type ScrewCircuitInput } from '../../sim/relations/screw-chiller-circuit.js';
import { defineCampusType } from './campus-type.js';
import { ELEC_POINTS, elecMeta, feed, newMeterInput, newScratch, sourceHz, sourceVolts, writeElec } from './elec-columns.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** a staging period: chillers start and stop only at its boundaries (outages and trips aside) */
const STAGE_MS = 30 * 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const YEAR = 365.25 * DAY;
export const KW_PER_TR = 3.517;
const cToF = (c: number) => (c * 9) / 5 + 32;

/** A count the haysim `count` marker labels: no Haystack unit. */
const STARTS: PointTemplate = {
  key: 'compressor_starts',
  dis: 'Compressor Starts',
  markers: 'compressor run count sensor',
  kind: 'Number',
  decimals: 0,
  totalized: true,
  rateKey: 'run_status',
  countsRises: true,
  // commissioned in 2012: a few hundred starts a year
  registerStart: [1_500, 4_500],
};

const RUN_HOURS: PointTemplate = {
  key: 'run_hours',
  dis: 'Run Hours',
  markers: 'compressor run sensor',
  kind: 'Number',
  unit: 'h',
  decimals: 1,
  totalized: true,
  rateKey: 'run_status',
  // commissioned in 2012 (≈ 96,000 h since), run at 25–60 % of the hours
  registerStart: [24_000, 58_000],
};

const CHILLER_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'run_status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  num('chw_supply_temp_c', 'CHW Supply Temp', 'chilled water leaving temp sensor', '°C', 1, { noise: 0.05, drifts: true }),
  num('chw_return_temp_c', 'CHW Return Temp', 'chilled water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('cw_supply_temp_c', 'CW Supply Temp', 'condenser water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('cw_return_temp_c', 'CW Return Temp', 'condenser water leaving temp sensor', '°C', 1, { noise: 0.05 }),
  num('water_flow_lpm', 'CHW Flow', 'chilled water flow sensor', 'L/min', 0, { relativeNoise: 0.01 }),
  num('cooling_load_tr', 'Cooling Load', 'chilled water cool thermal power sensor', 'tonref', 1),
  num('compressor_load_percent', 'Compressor Load', 'compressor load sensor', '%', 1),
  num('kw_per_tr', 'kW per TR', 'chiller efficiency sensor', 'kW/ton', 3),
  num('cop', 'COP', 'chiller efficiency sensor', 'COP', 2),
  num('efficiency_percent', 'Efficiency vs Design', 'chiller efficiency sensor', '%', 1),
  num('evaporator_pressure_bar', 'Evaporator Pressure (gauge)', 'refrig evaporator pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('condenser_pressure_bar', 'Condenser Pressure (gauge)', 'refrig condenser pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('chw_setpoint_c', 'CHW Setpoint', 'chilled water leaving temp sp', '°C', 1),
  num('cw_flow_lpm', 'CW Flow', 'condenser water flow sensor', 'L/min', 0, { relativeNoise: 0.01 }),
  num('evap_sat_temp_c', 'Evaporator Sat Temp', 'refrig evaporator temp sensor', '°C', 1),
  num('cond_sat_temp_c', 'Condenser Sat Temp', 'refrig condenser temp sensor', '°C', 1),
  num('evap_approach_c', 'Evaporator Approach', 'refrig evaporator temp delta sensor', 'Δ°C', 2),
  num('cond_approach_c', 'Condenser Approach', 'refrig condenser temp delta sensor', 'Δ°C', 2),
  num('lift_c', 'Lift', 'refrig temp delta sensor', 'Δ°C', 2),
  num('suction_superheat_c', 'Suction Superheat', 'refrig compressor entering temp delta sensor', 'Δ°C', 2, { noise: 0.05 }),
  num('discharge_temp_c', 'Discharge Temp', 'refrig compressor discharge temp sensor', '°C', 1, { noise: 0.1 }),
  num('subcooling_c', 'Liquid Subcooling', 'refrig liquid temp delta sensor', 'Δ°C', 2, { noise: 0.05 }),
  num('oil_diff_pressure_bar', 'Oil Differential Pressure', 'compressor pressure delta sensor', 'bar', 2, { noise: 0.01 }),
  num('oil_temp_c', 'Oil Temp', 'compressor temp sensor', '°C', 1, { noise: 0.1 }),
  num('exv_position_percent', 'EXV Position', 'refrig valve cmd', '%', 1),
  num('motor_current_rla_percent', 'Motor Current %RLA', 'compressor motor load sensor', '%', 1),
  num('motor_winding_temp_c', 'Motor Winding Temp', 'compressor motor temp sensor', '°C', 1, { noise: 0.1 }),
  num('vibration_mm_s', 'Compressor Vibration', 'compressor sensor', 'mm/s', 2, { relativeNoise: 0.04 }),
  RUN_HOURS,
  STARTS,
  { key: 'alarm_status', dis: 'Trip / Lockout Alarm', markers: 'alarm sensor', kind: 'Bool', decimals: 0 },
];

/** design COP of a water-cooled screw chiller at AHRI conditions (≈ 0.62 kW/TR) */
const DESIGN_COP = 5.6;
/** the chilled-water setpoint the plant holds, °C */
const CHW_SETPOINT_C = 7;
/** condenser water per chilled water: 2.9 gpm/TR against 2.4 */
const CW_PER_CHW = 1.2;

/**
 * The campus plant's cooling load, TR: process cooling follows production, the halls' comfort cooling
 * follows the outdoor temperature and the sun.
 */
function plantLoadTr(capacityTr: number, production: number, ambientC: number, hour: number): number {
  const comfort = Math.max(0, Math.min(1, (ambientC - 16) / 20)) * (0.6 + 0.4 * Math.exp(-(((hour - 15) / 5) ** 2)));
  return capacityTr * (0.08 + 0.3 * production + 0.42 * comfort);
}

/**
 * Share of a year since the chiller's annual service (condenser tubes brushed, oil filter changed), one
 * chiller a week from early February, before the hot season: the open tower loop scales the tubes again.
 */
function sinceService(t: number, index: number): number {
  const x = (t - (35 + 7 * index) * DAY) / YEAR;
  return x - Math.floor(x);
}

/** `chiller_NNN`: water-cooled R-134a screw chillers staged on the plant's load, lead rotating weekly. */
export const campusChiller = defineCampusType({
  name: 'campusChiller',
  role: 'chiller',
  markers: 'chiller chilled water plant',
  points: CHILLER_POINTS,
  ratingTags: (e: CampusEquip) => ({ coolingCapacity: HNum.make(e.rating, 'tonref') }),
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, (n.config.rating * 0.75) / 0.9, 415, 0.3));
    // rated load amps: the design full-load current (AHRI, PF 0.9 at 415 V) is about 90 % of it
    const rla = equips.map((n) => {
      const kw = (n.config.rating * KW_PER_TR) / (DESIGN_COP * partLoadFactor(1)) + 0.006 * n.config.rating;
      return (kw * 1000) / (Math.sqrt(3) * 415 * 0.9) / 0.9;
    });
    const spread = equips.map((n) => ((hashString(`${n.id}:unit`) % 2001) / 1000 - 1) as number);
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      run: r('run_status'),
      chws: r('chw_supply_temp_c'),
      chwr: r('chw_return_temp_c'),
      cws: r('cw_supply_temp_c'),
      cwr: r('cw_return_temp_c'),
      flow: r('water_flow_lpm'),
      tr: r('cooling_load_tr'),
      comp: r('compressor_load_percent'),
      kwtr: r('kw_per_tr'),
      cop: r('cop'),
      eff: r('efficiency_percent'),
      evap: r('evaporator_pressure_bar'),
      cond: r('condenser_pressure_bar'),
      sp: r('chw_setpoint_c'),
      cwFlow: r('cw_flow_lpm'),
      evapSat: r('evap_sat_temp_c'),
      condSat: r('cond_sat_temp_c'),
      evapApp: r('evap_approach_c'),
      condApp: r('cond_approach_c'),
      lift: r('lift_c'),
      superheat: r('suction_superheat_c'),
      discharge: r('discharge_temp_c'),
      subcool: r('subcooling_c'),
      oilDp: r('oil_diff_pressure_bar'),
      oil: r('oil_temp_c'),
      exv: r('exv_position_percent'),
      rla: r('motor_current_rla_percent'),
      winding: r('motor_winding_temp_c'),
      vib: r('vibration_mm_s'),
      alarm: r('alarm_status'),
    };
    const capacity = equips.reduce((s, n) => s + n.config.rating, 0);
    const instant = new CampusInstant(campus.topology, seed, campus.shifts);
    const loadAt = (t: number, d: InstantDrivers) =>
      plantLoadTr(capacity, d.production, d.ambientC, d.hour) * (1 + 0.04 * smoothNoise(seed, 0xc4, t, 2 * HOUR));
    let staging = { period: Number.NaN, load: 0 };
    const stagedLoad = (period: number) => {
      if (period !== staging.period) {
        const next = period + STAGE_MS;
        staging = { period, load: Math.max(loadAt(period, instant.at(period)), loadAt(next, instant.at(next))) };
      }
      return staging.load;
    };
    const scratch = newScratch();
    const input = newMeterInput();
    const circuit = newScrewCircuit();
    const water: ScrewCircuitInput = {
      running: false,
      load: 0,
      chwLeavingC: 0,
      cwLeavingC: 0,
      cwEnteringC: 0,
      fouling: 0,
      filterAge: 0,
      wobble: 0,
      unit: 0,
      chwStillC: 0,
      cwStillC: 0,
      plantRoomC: 0,
    };
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        let load = loadAt(t, d);
        // staged per half hour on the larger of the load at its start and at the next one's (the plant's
        // stage-up and stage-down delays and the anti-recycle timer: no chiller runs or rests less than that,
        // outages and trips aside); the lead rotates weekly so run hours even out
        const staged = stagedLoad(Math.floor(t / STAGE_MS) * STAGE_MS);
        const lead = Math.floor(t / WEEK) % equips.length;
        const order = equips.map((_, i) => (lead + i) % equips.length);
        const on = new Uint8Array(equips.length);
        let running = 0;
        for (const i of order) {
          const e = equips[i]!.config;
          const available = campus.restartShare(e, d, 8) > 0 && frame.faulted[equips[i]!.position * T + k] !== 1;
          if (!available || running >= staged / 0.88) continue;
          on[i] = 1;
          running += e.rating;
        }
        load = Math.min(load, running);
        // a stopped machine's water sits at the loop's and the tower basin's temperature, its pipes at the room's
        const chwStill = d.ambientC * 0.3 + 14;
        const cwStill = d.ambientC;
        const plantRoom = 0.5 * d.ambientC + 16;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const frac = on[i] ? load / running : 0;
          const tr = frac * e.rating;
          const service = sinceService(t, e.index);
          const fouling = 0.9 * service;
          // condenser water from the tower: wet bulb + approach growing with load
          const cwIn = d.wetBulbC + 3 + 2.5 * frac;
          // scaled tubes condense hotter: the lift, and so the COP, pays for it
          const cop = on[i] ? chillerCop(DESIGN_COP, Math.max(0.15, frac), cToF(cwIn + foulingLiftK(frac, fouling))) : 0;
          const kw = on[i] ? (tr * KW_PER_TR) / cop + 0.006 * e.rating : 0;
          const flow = on[i] ? e.rating * 9.1 : 0; // 2.4 gpm/TR design flow, L/min
          const cwFlow = flow * CW_PER_CHW;
          const dt = flow > 0 ? (tr * KW_PER_TR * 60) / (4.186 * flow) : 0;
          const chws = CHW_SETPOINT_C + 0.3 * smoothNoise(seed, hashString(e.id), t, HOUR);
          campus.duty[pos] = frac;
          campus.rejectKw[pos] = on[i] ? tr * KW_PER_TR + kw : 0;
          const cwOut = on[i] ? cwIn + (campus.rejectKw[pos]! * 60) / (4.186 * cwFlow) : cwStill;
          writeRow(truth, cols.run[i]!, T, k, on[i]!);
          writeRow(truth, cols.chws[i]!, T, k, on[i] ? chws : chwStill);
          writeRow(truth, cols.chwr[i]!, T, k, on[i] ? chws + dt : chwStill);
          writeRow(truth, cols.cws[i]!, T, k, on[i] ? cwIn : cwStill);
          writeRow(truth, cols.cwr[i]!, T, k, cwOut);
          writeRow(truth, cols.flow[i]!, T, k, flow);
          writeRow(truth, cols.tr[i]!, T, k, tr);
          writeRow(truth, cols.comp[i]!, T, k, 100 * frac);
          // the panel's figures count the controls and oil pump in the input: COP = cooling / electrical input
          const seen = kw > 0 ? (tr * KW_PER_TR) / kw : 0;
          writeRow(truth, cols.kwtr[i]!, T, k, tr > 0 ? kw / tr : 0);
          writeRow(truth, cols.cop[i]!, T, k, seen);
          writeRow(truth, cols.eff[i]!, T, k, on[i] ? (100 * seen) / DESIGN_COP : 0);
          water.running = on[i] === 1;
          water.load = frac;
          water.chwLeavingC = chws;
          water.cwLeavingC = cwOut;
          water.cwEnteringC = cwIn;
          water.fouling = fouling;
          water.filterAge = service;
          water.wobble = smoothNoise(seed, hashString(`${e.id}:exv`), t, 12 * MINUTE);
          water.unit = spread[i]!;
          water.chwStillC = chwStill;
          water.cwStillC = cwStill;
          water.plantRoomC = plantRoom;
          const c = screwCircuit(water, circuit);
          writeRow(truth, cols.evap[i]!, T, k, c.evapPressureBar);
          writeRow(truth, cols.cond[i]!, T, k, c.condPressureBar);
          writeRow(truth, cols.sp[i]!, T, k, CHW_SETPOINT_C);
          writeRow(truth, cols.cwFlow[i]!, T, k, cwFlow);
          writeRow(truth, cols.evapSat[i]!, T, k, c.evapSatC);
          writeRow(truth, cols.condSat[i]!, T, k, c.condSatC);
          writeRow(truth, cols.evapApp[i]!, T, k, (on[i] ? chws : chwStill) - c.evapSatC);
          writeRow(truth, cols.condApp[i]!, T, k, c.condSatC - cwOut);
          writeRow(truth, cols.lift[i]!, T, k, c.condSatC - c.evapSatC);
          writeRow(truth, cols.superheat[i]!, T, k, c.suctionSuperheatK);
          writeRow(truth, cols.discharge[i]!, T, k, c.dischargeC);
          writeRow(truth, cols.subcool[i]!, T, k, c.subcoolingK);
          writeRow(truth, cols.oilDp[i]!, T, k, c.oilDiffBar);
          writeRow(truth, cols.oil[i]!, T, k, c.oilC);
          writeRow(truth, cols.exv[i]!, T, k, c.exvPercent);
          writeRow(truth, cols.winding[i]!, T, k, c.windingC);
          writeRow(truth, cols.vib[i]!, T, k, c.vibrationMmS);
          // a failed machine is locked out on its trip until someone resets it
          writeRow(truth, cols.alarm[i]!, T, k, frame.faulted[pos * T + k] === 1 ? 1 : 0);
          input.kw = kw;
          input.kvar = kw * 0.48; // screw compressor motors: pf ≈ 0.9
          input.nonlinear = 0.1;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.015 * frac);
          input.hz = sourceHz(grid.frequencyHz, d, seed, t);
          input.closed = campus.supplied(e, d);
          input.iscA = 12_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          writeRow(truth, cols.rla[i]!, T, k, (100 * scratch.currentA) / rla[i]!);
          feed(state, campus, e, pos, kw, input.kvar, 0.1 * kw);
        }
      },
    };
  },
});
