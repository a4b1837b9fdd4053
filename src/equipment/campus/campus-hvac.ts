import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import { writeRow } from '../../sim/physics/frame.js';
import { affinityShaftFraction, motorEfficiency } from '../../sim/relations/elec-motor.js';
import { chillerCop } from '../../sim/relations/chiller-performance.js';
import { defineCampusType } from './campus-type.js';
import { ELEC_POINTS, elecMeta, feed, newMeterInput, newScratch, sourceHz, sourceVolts, writeElec } from './elec-columns.js';

const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;
const KW_PER_TR = 3.517;
const cToF = (c: number) => (c * 9) / 5 + 32;

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
  num('evaporator_pressure_bar', 'Evaporator Pressure', 'refrig evaporator pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('condenser_pressure_bar', 'Condenser Pressure', 'refrig condenser pressure sensor', 'bar', 2, { noise: 0.01 }),
];

/** design COP of a water-cooled screw chiller at AHRI conditions (≈ 0.62 kW/TR) */
const DESIGN_COP = 5.6;

/**
 * The campus plant's cooling load, TR: process cooling follows production, the halls' comfort cooling
 * follows the outdoor temperature and the sun.
 */
function plantLoadTr(capacityTr: number, production: number, ambientC: number, hour: number): number {
  const comfort = Math.max(0, Math.min(1, (ambientC - 16) / 20)) * (0.6 + 0.4 * Math.exp(-(((hour - 15) / 5) ** 2)));
  return capacityTr * (0.08 + 0.3 * production + 0.42 * comfort);
}

/** `chiller_NNN`: water-cooled screw chillers staged on the plant's load, lead rotating weekly. */
export const campusChiller = defineCampusType({
  name: 'campusChiller',
  role: 'chiller',
  markers: 'chiller chilled water plant',
  points: CHILLER_POINTS,
  ratingTags: (e: CampusEquip) => ({ coolingCapacity: HNum.make(e.rating, 'tonref') }),
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, (n.config.rating * 0.75) / 0.9, 415, 0.3));
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
    };
    const capacity = equips.reduce((s, n) => s + n.config.rating, 0);
    const scratch = newScratch();
    const input = newMeterInput();
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        let load = plantLoadTr(capacity, d.production, d.ambientC, d.hour) * (1 + 0.04 * smoothNoise(seed, 0xc4, t, 2 * HOUR));
        // the lead chiller rotates weekly so run hours even out; lag chillers start as the load needs them
        const lead = Math.floor(t / WEEK) % equips.length;
        const order = equips.map((_, i) => (lead + i) % equips.length);
        const on = new Uint8Array(equips.length);
        let running = 0;
        for (const i of order) {
          const e = equips[i]!.config;
          const available = campus.restartShare(e, d, 8) > 0 && frame.faulted[equips[i]!.position * T + k] !== 1;
          if (!available || running >= load / 0.88) continue;
          on[i] = 1;
          running += e.rating;
        }
        load = Math.min(load, running);
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const frac = on[i] ? load / running : 0;
          const tr = frac * e.rating;
          // condenser water from the tower: wet bulb + approach growing with load
          const cwIn = d.wetBulbC + 3 + 2.5 * frac;
          const cop = on[i] ? chillerCop(DESIGN_COP, Math.max(0.15, frac), cToF(cwIn)) : 0;
          const kw = on[i] ? (tr * KW_PER_TR) / cop + 0.006 * e.rating : 0;
          const flow = on[i] ? e.rating * 9.1 : 0; // 2.4 gpm/TR design flow, L/min
          const dt = flow > 0 ? (tr * KW_PER_TR * 60) / (4.186 * flow) : 0;
          const chws = 7 + 0.3 * smoothNoise(seed, hashString(e.id), t, HOUR);
          campus.duty[pos] = frac;
          campus.rejectKw[pos] = on[i] ? tr * KW_PER_TR + kw : 0;
          writeRow(truth, cols.run[i]!, T, k, on[i]!);
          writeRow(truth, cols.chws[i]!, T, k, on[i] ? chws : d.ambientC * 0.3 + 14);
          writeRow(truth, cols.chwr[i]!, T, k, on[i] ? chws + dt : d.ambientC * 0.3 + 14);
          writeRow(truth, cols.cws[i]!, T, k, on[i] ? cwIn : d.ambientC);
          writeRow(truth, cols.cwr[i]!, T, k, on[i] ? cwIn + (campus.rejectKw[pos]! * 60) / (4.186 * flow * 1.2) : d.ambientC);
          writeRow(truth, cols.flow[i]!, T, k, flow);
          writeRow(truth, cols.tr[i]!, T, k, tr);
          writeRow(truth, cols.comp[i]!, T, k, 100 * frac);
          // the panel's figures count the controls and oil pump in the input: COP = cooling / electrical input
          const seen = kw > 0 ? (tr * KW_PER_TR) / kw : 0;
          writeRow(truth, cols.kwtr[i]!, T, k, tr > 0 ? kw / tr : 0);
          writeRow(truth, cols.cop[i]!, T, k, seen);
          writeRow(truth, cols.eff[i]!, T, k, on[i] ? (100 * seen) / DESIGN_COP : 0);
          writeRow(truth, cols.evap[i]!, T, k, on[i] ? 2.6 + 0.05 * (chws - 7) : 4 + 0.05 * d.ambientC);
          writeRow(truth, cols.cond[i]!, T, k, on[i] ? 8.2 + 0.32 * (cwIn - 29) : 4 + 0.05 * d.ambientC);
          input.kw = kw;
          input.kvar = kw * 0.48; // screw compressor motors: pf ≈ 0.9
          input.nonlinear = 0.1;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.015 * frac);
          input.hz = sourceHz(grid.frequencyHz, d, seed, t);
          input.closed = campus.supplied(e, d);
          input.iscA = 12_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          feed(state, campus, e, pos, kw, input.kvar, 0.1 * kw);
        }
      },
    };
  },
});

const CT_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'fan_status', dis: 'Fan Status', markers: 'fan run sensor', kind: 'Bool', decimals: 0 },
  num('fan_speed_percent', 'Fan Speed', 'fan vfd speed sensor', '%', 1),
  num('water_in_temp_c', 'Water In Temp', 'condenser water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('water_out_temp_c', 'Water Out Temp', 'condenser water leaving temp sensor', '°C', 1, { noise: 0.05 }),
  num('wet_bulb_temp_c', 'Wet Bulb Temp', 'outside air wetBulb temp sensor', '°C', 1, { noise: 0.1 }),
  num('approach_c', 'Approach', 'condenser water temp delta sensor', '°C', 2),
  num('range_c', 'Range', 'condenser water temp delta sensor', '°C', 2),
  num('heat_rejected_kw', 'Heat Rejected', 'condenser water thermal power sensor', 'kW', 1),
];

/** `ct_NNN`: induced-draft towers on VFD fans holding the condenser water a few degrees above wet bulb. */
export const campusCoolingTower = defineCampusType({
  name: 'campusCoolingTower',
  role: 'ct',
  markers: 'coolingTower',
  points: CT_POINTS,
  ratingTags: (e: CampusEquip) => ({ coolingCapacity: HNum.make(e.rating, 'tonref') }),
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, n.config.rating * 0.05, 415, 0.3));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      fan: r('fan_status'),
      speed: r('fan_speed_percent'),
      win: r('water_in_temp_c'),
      wout: r('water_out_temp_c'),
      wb: r('wet_bulb_temp_c'),
      app: r('approach_c'),
      range: r('range_c'),
      heat: r('heat_rejected_kw'),
    };
    const chillers = campus.plan.of('chiller').map((c) => campus.position.get(c.id)!);
    const scratch = newScratch();
    const input = newMeterInput();
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          // a tower takes the heat of the chillers on its header: chiller j on tower j mod n
          let heat = 0;
          for (let j = i; j < chillers.length; j += equips.length) heat += campus.rejectKw[chillers[j]!]!;
          const frac = Math.min(1.1, heat / (e.rating * KW_PER_TR * 1.25));
          const on = heat > 0 && campus.supplied(e, d);
          const speed = on ? Math.min(1, 0.35 + 0.75 * frac) : 0;
          const fanRated = e.rating * 0.045; // ≈ 0.045 kW of fan per TR
          const shaft = on ? affinityShaftFraction(speed, 0) : 0;
          const kw = on ? (fanRated * shaft) / motorEfficiency(fanRated, Math.max(0.05, shaft)) : 0;
          const approach = 2.5 + 2.2 * frac - 0.8 * (speed - 0.6);
          const flow = Math.max(1, e.rating * 11.4); // 3 gpm/TR condenser water, L/min
          const range = heat > 0 ? (heat * 60) / (4.186 * flow) : 0;
          const out = d.wetBulbC + (on ? approach : Math.max(0, d.ambientC - d.wetBulbC) * 0.5);
          writeRow(truth, cols.fan[i]!, T, k, on ? 1 : 0);
          writeRow(truth, cols.speed[i]!, T, k, 100 * speed);
          writeRow(truth, cols.wout[i]!, T, k, out);
          writeRow(truth, cols.win[i]!, T, k, out + range);
          writeRow(truth, cols.wb[i]!, T, k, d.wetBulbC);
          writeRow(truth, cols.app[i]!, T, k, out - d.wetBulbC);
          writeRow(truth, cols.range[i]!, T, k, range);
          writeRow(truth, cols.heat[i]!, T, k, heat);
          input.kw = kw;
          input.kvar = kw * 0.33;
          input.nonlinear = 1;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.01 * speed);
          input.hz = sourceHz(grid.frequencyHz, d, seed, t);
          input.closed = campus.supplied(e, d);
          input.iscA = 8_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          feed(state, campus, e, node.position, kw, input.kvar, kw);
        }
      },
    };
  },
});

const AHU_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'fan_status', dis: 'Supply Fan Status', markers: 'fan run sensor', kind: 'Bool', decimals: 0 },
  num('fan_speed_percent', 'Supply Fan Speed', 'fan vfd speed sensor', '%', 1),
  num('supply_air_flow_cfm', 'Supply Air Flow', 'discharge air flow sensor', 'cfm', 0, { relativeNoise: 0.015 }),
  num('supply_air_temp_c', 'Supply Air Temp', 'discharge air temp sensor', '°C', 1, { noise: 0.05, drifts: true }),
  num('return_air_temp_c', 'Return Air Temp', 'return air temp sensor', '°C', 1, { noise: 0.05 }),
  num('chw_valve_percent', 'CHW Valve', 'chilled water valve cmd', '%', 1),
  num('filter_dp_pa', 'Filter DP', 'air filter pressure delta sensor', 'Pa', 0, { noise: 1 }),
];

/** `ahu_NNN`: hall and office air handlers; production halls run with the shifts, offices by day. */
export const campusAhu = defineCampusType({
  name: 'campusAhu',
  role: 'ahu',
  markers: 'ahu',
  points: AHU_POINTS,
  ratingTags: (e: CampusEquip) => ({ designAirflow: HNum.make(e.rating, 'cfm') }),
  physics: ({ equips, rows, seed }, campus) => {
    const fanKw = (cfm: number) => cfm * 0.00075; // ≈ 0.75 kW per 1,000 cfm of supply fan
    const metas = equips.map((n) => elecMeta(rows, n, fanKw(n.config.rating) * 1.4, 415, 0.4));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      fan: r('fan_status'),
      speed: r('fan_speed_percent'),
      flow: r('supply_air_flow_cfm'),
      sat: r('supply_air_temp_c'),
      rat: r('return_air_temp_c'),
      valve: r('chw_valve_percent'),
      filter: r('filter_dp_pa'),
    };
    const scratch = newScratch();
    const input = newMeterInput();
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const office = e.location === 'Admin Block';
          const scheduled = office ? d.hour >= 8 && d.hour < 20 && d.production > 0 : d.production > 0.05 || e.index % 4 === 0;
          const on = scheduled && campus.restartShare(e, d, 2 + (e.index % 5)) > 0 && frame.faulted[node.position * T + k] !== 1;
          const demand = Math.max(0, Math.min(1, (d.ambientC - 18) / 18));
          const speed = on ? (e.vfd ? 0.55 + 0.4 * demand + 0.03 * smoothNoise(seed, hashString(e.id), t, HOUR) : 1) : 0;
          const rated = fanKw(e.rating);
          const shaft = on ? affinityShaftFraction(speed, 0.25) : 0;
          const kw = on ? (rated * shaft) / motorEfficiency(rated, Math.max(0.05, shaft)) : 0;
          const rat = 24 + 2.5 * demand + (office ? 0 : 1.5 * d.production);
          writeRow(truth, cols.fan[i]!, T, k, on ? 1 : 0);
          writeRow(truth, cols.speed[i]!, T, k, 100 * speed);
          writeRow(truth, cols.flow[i]!, T, k, e.rating * speed);
          writeRow(truth, cols.sat[i]!, T, k, on ? 13.5 + 1.5 * (1 - demand) : d.ambientC * 0.5 + 12);
          writeRow(truth, cols.rat[i]!, T, k, on ? rat : d.ambientC * 0.4 + 16);
          writeRow(truth, cols.valve[i]!, T, k, on ? 100 * Math.min(1, 0.2 + 0.8 * demand) : 0);
          // the filter loads over its months in service: pressure drop grows, and with the square of flow
          const age = ((t / (30 * 86_400_000) + (hashString(e.id) % 97) / 97) % 3) / 3;
          writeRow(truth, cols.filter[i]!, T, k, on ? (90 + 160 * age) * speed * speed : 0);
          input.kw = kw;
          input.kvar = kw * (e.vfd ? 0.29 : 0.62);
          input.nonlinear = e.vfd ? 1 : 0;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.008 * speed);
          input.hz = sourceHz(grid.frequencyHz, d, seed, t);
          input.closed = campus.supplied(e, d);
          input.iscA = 8_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          feed(state, campus, e, node.position, kw, input.kvar, e.vfd ? kw : 0);
        }
      },
    };
  },
});
