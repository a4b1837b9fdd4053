import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import { CampusInstant, type InstantDrivers } from '../../sim/physics/campus-instant.js';
import { writeRow } from '../../sim/physics/frame.js';
import { degradation, degradationProgress } from '../../sim/physics/campus-context.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { partLoadFactor } from '../../sim/relations/chiller-performance.js';
import { newScrewCircuit, screwStandstill } from '../../sim/relations/screw-chiller-circuit.js';
import { ChillerHpTrips } from './chiller-hp-trip.js';
import { ChillerStaging, STAGE_MS } from './chiller-staging.js';
import {
  CHW_SETPOINT_C,
  type ChillerCase,
  DESIGN_COP,
  KW_PER_TR,
  newChillerOperation,
  newCircuitInput,
  operateChiller,
} from './chiller-operation.js';
import { defineCampusType } from './campus-type.js';
import { ELEC_POINTS, elecMeta, feed, newMeterInput, newScratch, sourceHz, sourceVolts, writeElec } from './elec-columns.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/**
 * the end of a condenser-fouling or refrigerant-leak window: the machine isolated for its service (heads off, tubes
 * brushed, refilled and vented; or the leak found, brazed, pressure-tested and the charge made up)
 */
const SERVICE_MS = 8 * HOUR;

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

/** the plant room sits between the outdoors and the machines' own warmth, °C */
const plantRoomC = (ambientC: number) => 0.5 * ambientC + 16;

/**
 * The campus plant's cooling load, TR: process cooling follows production, the halls' comfort cooling
 * follows the outdoor temperature and the sun.
 */
function plantLoadTr(capacityTr: number, production: number, ambientC: number, hour: number): number {
  const comfort = Math.max(0, Math.min(1, (ambientC - 16) / 20)) * (0.6 + 0.4 * Math.exp(-(((hour - 15) / 5) ** 2)));
  return capacityTr * (0.08 + 0.3 * production + 0.42 * comfort);
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
    const cases: ChillerCase[] = equips.map((n) => ({
      id: n.config.id,
      index: n.config.index,
      rating: n.config.rating,
      unit: (hashString(`${n.id}:unit`) % 2001) / 1000 - 1,
      chargeLoss: 0,
      extraFouling: 0,
      chwOffsetK: 0,
      onMinutes: Number.POSITIVE_INFINITY,
      offBeforeMinutes: Number.POSITIVE_INFINITY,
    }));
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
    // staged per half hour on the larger of the load at its start and at the next one's (the plant's stage-up and
    // stage-down delays and the anti-recycle timer: no chiller runs or rests less than that, outages and trips aside)
    const staging = new ChillerStaging(
      equips.map((n) => n.config.rating),
      (period) => Math.max(loadAt(period, instant.at(period)), loadAt(period + STAGE_MS, instant.at(period + STAGE_MS))),
    );
    const scratch = newScratch();
    const input = newMeterInput();
    const op = newChillerOperation();
    const circuitInput = newCircuitInput();
    const still = newScrewCircuit();
    const on = new Uint8Array(equips.length);
    /** the minute a chiller's high-pressure cut-out tripped it, while it is locked out (NaN: it is not) */
    const tripped = new Float64Array(equips.length);
    /** while a chiller is isolated for its service at the end of a fault, when it stopped (NaN: it is not) */
    const serviced = new Float64Array(equips.length);
    /** when a chiller came back from its lockout or its service (NaN: it did not lately) */
    const returned = new Float64Array(equips.length);
    /** the load share a chiller stopped at, by the stop instant it was computed for */
    const stopAt = new Float64Array(equips.length).fill(Number.NaN);
    const stopLoad = new Float64Array(equips.length);
    const grid = campus.topology.site.campus!.grid;
    const planned = (i: number, t: number) => staging.planned(Math.floor(t / STAGE_MS) * STAGE_MS)[i] === 1;
    /** when chiller i, off at t, last stopped: at `cut` (a trip, a fault, an outage; NaN: none) if the plan ran it then */
    const stoppedAt = (i: number, t: number, cut: number) => {
      if (Number.isNaN(cut)) return staging.since(i, Math.floor(t / STAGE_MS) * STAGE_MS);
      return planned(i, cut) ? cut : staging.since(i, Math.floor(Math.min(t, cut) / STAGE_MS) * STAGE_MS);
    };
    /** the share of its rating chiller i carried the minute before it stopped, by the plan */
    const loadBefore = (i: number, stop: number) => {
      if (!Number.isFinite(stop)) return 0.5;
      if (stopAt[i] !== stop) {
        const m = stop - MINUTE;
        const mask = staging.planned(Math.floor(m / STAGE_MS) * STAGE_MS);
        const running = equips.reduce((s, n, j) => s + (mask[j] ? n.config.rating : 0), 0);
        stopAt[i] = stop;
        stopLoad[i] = running > 0 ? Math.min(loadAt(m, instant.at(m)), running) / running : 0.5;
      }
      return stopLoad[i]!;
    };
    /** chiller i's share of its rating at minute m by the plan (every chiller available); NaN if the plan has it off */
    const plannedShare = (i: number, m: number) => {
      const mask = staging.planned(Math.floor(m / STAGE_MS) * STAGE_MS);
      if (!mask[i]) return Number.NaN;
      const running = equips.reduce((s, n, j) => s + (mask[j] ? n.config.rating : 0), 0);
      return Math.min(loadAt(m, instant.at(m)), running) / running;
    };
    // a fouled chiller's condensing pressure at a minute, run at its planned share (one degradation at a time: no
    // charge lost, no sawtooth)
    const trips = new ChillerHpTrips((i, m, extraFouling) => {
      const share = plannedShare(i, m);
      if (Number.isNaN(share)) return share;
      const at = instant.at(m);
      const c = cases[i]!;
      c.chargeLoss = 0;
      c.chwOffsetK = 0;
      c.extraFouling = extraFouling;
      operateChiller(c, share, m, at.wetBulbC, plantRoomC(at.ambientC), seed, op, circuitInput);
      return op.circuit.condPressureBar;
    });
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const room = plantRoomC(d.ambientC);
        const period = Math.floor(t / STAGE_MS) * STAGE_MS;
        tripped.fill(Number.NaN);
        serviced.fill(Number.NaN);
        returned.fill(Number.NaN);
        for (let i = 0; i < equips.length; i++) {
          const g = equips[i]!.position * T + k;
          const [s0, s1] = [frame.degradedStart[g]!, frame.degradedEnd[g]!];
          const code = frame.degraded[g];
          if (code !== FaultCode.CondenserFouling && code !== FaultCode.LowRefrigerantCharge) continue;
          // the window ends with the machine isolated for its service: tubes brushed, or the leak found, brazed and
          // the charge made up (stopped since its trip if its cut-out had locked it out)
          const fouling = frame.degradedValue[g]! / 1.5;
          if (t >= s1) returned[i] = s1;
          else if (t >= s1 - SERVICE_MS) {
            const trip = code === FaultCode.CondenserFouling ? trips.lockedOutSince(i, s1 - SERVICE_MS, s0, s1, fouling) : Number.NaN;
            serviced[i] = Number.isNaN(trip) ? s1 - SERVICE_MS : trip;
          } else if (code === FaultCode.CondenserFouling) {
            tripped[i] = trips.lockedOutSince(i, t, s0, s1, fouling);
            if (Number.isNaN(tripped[i]!)) returned[i] = trips.resetAfterTrip(i, t, s0, s1, fouling);
          }
        }
        const available = (i: number) =>
          campus.restartShare(equips[i]!.config, d, 8) > 0 &&
          frame.faulted[equips[i]!.position * T + k] !== 1 &&
          Number.isNaN(tripped[i]!) &&
          Number.isNaN(serviced[i]!);
        const running = staging.stage(period, available, on);
        const load = Math.min(loadAt(t, d), running);
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const g = pos * T + k;
          const c = cases[i]!;
          const loss = degradation(frame, pos, k, FaultCode.LowRefrigerantCharge);
          const rise = degradation(frame, pos, k, FaultCode.CondenserFouling);
          const cycle = degradation(frame, pos, k, FaultCode.ShortCycling);
          // a slow leak: the charge is lost gradually through the window
          c.chargeLoss = Number.isNaN(loss) ? 0 : loss * degradationProgress(frame, pos, k);
          c.extraFouling = Number.isNaN(rise) ? 0 : (rise * degradationProgress(frame, pos, k)) / 1.5;
          c.chwOffsetK = 0;
          c.onMinutes = Number.POSITIVE_INFINITY;
          c.offBeforeMinutes = Number.POSITIVE_INFINITY;
          // a fouled machine runs at the plan's share, as its cut-out's lookback computed it, so it trips when its own
          // head pressure reaches the cut-out (when another chiller is out, the plant's total is off by the difference)
          const plan = Number.isNaN(rise) ? Number.NaN : plannedShare(i, t);
          const asked = on[i] ? (Number.isNaN(plan) ? load / running : plan) : 0;
          // a short-cycling machine's pumps run on while its compressor rests
          const pumps = on[i] === 1;
          let compressor = pumps;
          let offMinutes = 0;
          if (on[i] && !Number.isNaN(cycle)) {
            // short-cycling: it pulls the water down to its low-temperature cut-out 1.2 K under setpoint at twice
            // the load, stops with its pumps running, restarts as soon as the water is back near the loop's return
            const phase = (((t - frame.degradedStart[g]!) / (cycle * MINUTE)) % 1) * 2;
            const dt = (e.rating * KW_PER_TR * 60) / (4.186 * e.rating * 9.1);
            compressor = phase < 1;
            if (compressor) {
              c.chwOffsetK = (1 - phase) * asked * dt - 1.2 * phase;
              c.onMinutes = (phase * cycle) / 2;
              c.offBeforeMinutes = cycle / 2;
            } else {
              c.chwOffsetK = -1.2;
              offMinutes = ((phase - 1) * cycle) / 2;
            }
            operateChiller(c, Math.min(1, 2 * asked), t, d.wetBulbC, room, seed, op, circuitInput);
          } else if (compressor) {
            // warming up since it started: at its staging boundary, after a repair, a reset or a tube cleaning, after
            // the grid came back
            const plannedStart = staging.since(i, period);
            const starts = [planned(i, t) ? plannedStart : period, frame.recoveredFrom[g]!, returned[i]!];
            if (Number.isFinite(d.restoredMin)) starts.push(t - (d.restoredMin - 8) * MINUTE);
            const start = Math.max(...starts.filter((x) => !Number.isNaN(x) && x <= t));
            c.onMinutes = (t - start) / MINUTE;
            if (Number.isFinite(start) && start === plannedStart)
              c.offBeforeMinutes = (start - staging.since(i, start - STAGE_MS)) / MINUTE;
            operateChiller(c, asked, t, d.wetBulbC, room, seed, op, circuitInput);
          } else {
            // stopped: tripped by its cut-out, down for a fault or repair, the grid out, or staged off
            let cut = Number.NaN;
            if (!Number.isNaN(tripped[i]!)) cut = tripped[i]!;
            else if (!Number.isNaN(serviced[i]!)) cut = serviced[i]!;
            else if (frame.faulted[g] === 1) cut = frame.faultStart[g]!;
            else if (campus.restartShare(e, d, 8) <= 0) cut = d.gridUp ? (campus.grid.lastBefore(t)?.start ?? t) : t - d.outageMin * MINUTE;
            const stop = stoppedAt(i, t, cut);
            offMinutes = (t - stop) / MINUTE;
            operateChiller(c, loadBefore(i, stop), t, d.wetBulbC, room, seed, op, circuitInput);
          }
          const kw = compressor ? op.kw : 0;
          const tr = compressor ? op.tr : 0;
          campus.duty[pos] = compressor ? op.delivered : pumps ? 1e-3 : 0;
          campus.rejectKw[pos] = compressor ? tr * KW_PER_TR + kw : 0;
          let chws = op.chwSupplyC;
          let chwr = op.chwReturnC;
          let cws = op.cwSupplyC;
          let cwr = op.cwReturnC;
          let circuit = op.circuit;
          if (!compressor) {
            if (pumps) {
              // its pumps run on: the loop's return flows through, the condenser water cools to the tower's
              chwr = op.chwReturnC - op.delivered * op.designDtK + asked * op.designDtK;
              chws = chwr + (op.chwSupplyC - chwr) * Math.exp(-offMinutes / 2);
              cwr = cws + (op.cwReturnC - cws) * Math.exp(-offMinutes / 2);
            } else {
              // pumps stopped, isolation valves shut: the water in the shells and their pipes drifts to the room's
              // temperature, the lagged evaporator slower than the bare condenser
              chws = room + (chws - room) * Math.exp(-offMinutes / 240);
              chwr = room + (chwr - room) * Math.exp(-offMinutes / 240);
              cws = room + (cws - room) * Math.exp(-offMinutes / 120);
              cwr = room + (cwr - room) * Math.exp(-offMinutes / 120);
            }
            circuit = screwStandstill(op.circuit, { evapWaterC: chws, condWaterC: cwr, plantRoomC: room, offMinutes }, still);
          }
          const flow = pumps ? op.flowLpm : 0;
          const cwFlow = pumps ? op.cwFlowLpm : 0;
          const share = compressor ? op.delivered : 0;
          writeRow(truth, cols.run[i]!, T, k, compressor ? 1 : 0);
          writeRow(truth, cols.chws[i]!, T, k, chws);
          writeRow(truth, cols.chwr[i]!, T, k, chwr);
          writeRow(truth, cols.cws[i]!, T, k, cws);
          writeRow(truth, cols.cwr[i]!, T, k, cwr);
          writeRow(truth, cols.flow[i]!, T, k, flow);
          writeRow(truth, cols.tr[i]!, T, k, tr);
          writeRow(truth, cols.comp[i]!, T, k, 100 * share);
          writeRow(truth, cols.kwtr[i]!, T, k, tr > 0 ? kw / tr : 0);
          writeRow(truth, cols.cop[i]!, T, k, compressor ? op.cop : 0);
          writeRow(truth, cols.eff[i]!, T, k, compressor ? (100 * op.cop) / DESIGN_COP : 0);
          writeRow(truth, cols.evap[i]!, T, k, circuit.evapPressureBar);
          writeRow(truth, cols.cond[i]!, T, k, circuit.condPressureBar);
          writeRow(truth, cols.sp[i]!, T, k, CHW_SETPOINT_C);
          writeRow(truth, cols.cwFlow[i]!, T, k, cwFlow);
          writeRow(truth, cols.evapSat[i]!, T, k, circuit.evapSatC);
          writeRow(truth, cols.condSat[i]!, T, k, circuit.condSatC);
          writeRow(truth, cols.evapApp[i]!, T, k, chws - circuit.evapSatC);
          writeRow(truth, cols.condApp[i]!, T, k, circuit.condSatC - cwr);
          writeRow(truth, cols.lift[i]!, T, k, circuit.condSatC - circuit.evapSatC);
          writeRow(truth, cols.superheat[i]!, T, k, circuit.suctionSuperheatK);
          writeRow(truth, cols.discharge[i]!, T, k, circuit.dischargeC);
          writeRow(truth, cols.subcool[i]!, T, k, circuit.subcoolingK);
          writeRow(truth, cols.oilDp[i]!, T, k, circuit.oilDiffBar);
          writeRow(truth, cols.oil[i]!, T, k, circuit.oilC);
          writeRow(truth, cols.exv[i]!, T, k, circuit.exvPercent);
          writeRow(truth, cols.winding[i]!, T, k, circuit.windingC);
          writeRow(truth, cols.vib[i]!, T, k, circuit.vibrationMmS);
          // a failed machine is locked out on its trip until someone resets it, and so is one its cut-out tripped
          writeRow(truth, cols.alarm[i]!, T, k, frame.faulted[g] === 1 || !Number.isNaN(tripped[i]!) ? 1 : 0);
          input.kw = kw;
          input.kvar = kw * 0.48; // screw compressor motors: pf ≈ 0.9
          input.nonlinear = 0.1;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.015 * share);
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
