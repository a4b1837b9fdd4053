import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import { CampusInstant, type InstantDrivers } from '../../sim/physics/campus-instant.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { degradation, degradationProgress } from '../../sim/physics/campus-context.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { partLoadFactor } from '../../sim/relations/chiller-performance.js';
import { newScrewCircuit, type ScrewStandstillInput, screwStandstill } from '../../sim/relations/screw-chiller-circuit.js';
import { ChillerHpTrips } from './chiller-hp-trip.js';
import { loadLimit, loopShare, UNLOAD_MIN } from './chiller-loading.js';
import { ChillerPlantPlan } from './chiller-plant-plan.js';
import { ChillerStaging, STAGE_MS } from './chiller-staging.js';
import { ChwPullDown, STANDSTILL_TAU_MIN } from './chw-pull-down.js';
import { CwLoopLag } from './cw-loop-lag.js';
import { COND_STANDSTILL_TAU_MIN, ShellWater, type WaterTemps } from './shell-water.js';
import {
  CHW_LPM_PER_TR,
  CHW_SETPOINT_C,
  type ChillerCase,
  DESIGN_COP,
  KW_PER_TR,
  newChillerOperation,
  newCircuitInput,
  operateChiller,
  towerSupplyC,
} from './chiller-operation.js';
import { defineCampusType } from './campus-type.js';
import { CHILLER_POINTS } from './chiller-points.js';
import { elecMeta, feed, newMeterInput, newScratch, sourceHz, sourceVolts, writeElec, writePower } from './elec-columns.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/**
 * the end of a condenser-fouling or refrigerant-leak window: the machine isolated for its service (heads off, tubes
 * brushed, refilled and vented; or the leak found, brazed, pressure-tested and the charge made up)
 */
const SERVICE_MS = 8 * HOUR;
/** the chillers' anti-recycle delay after the grid comes back, minutes */
const RESTART_MIN = 8;
/** past this after its pumps started the water that stood in a chiller's shells has long passed its sensors, minutes */
const FLUSH_MIN = 10;
/**
 * a staged start runs the chiller's pumps (its isolation valves open) this long before the compressor, until both
 * flow switches prove flow: the water that stood in its shells is flushed before it starts, minutes
 */
const PRESTART_MIN = 3;

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
      loadLimit: 1,
      cwLoad: 0,
      onMinutes: Number.POSITIVE_INFINITY,
      offBeforeMinutes: Number.POSITIVE_INFINITY,
    }));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      enable: r('enable_cmd'),
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
    const ratings = equips.map((n) => n.config.rating);
    const plan = new ChillerPlantPlan(staging, ratings, (t) => loadAt(t, instant.at(t)));
    const designDtK = (KW_PER_TR * 60) / (4.186 * CHW_LPM_PER_TR);
    // the loop holds about 0.5 TR·min per K per TR of plant (≈ 30 L of water, pipe and coil per TR)
    const pullDown = new ChwPullDown(ratings, 0.5 * capacity, designDtK, (m, p) => {
      plan.fill(m, p.on, p.limits);
      p.loadTr = loadAt(m, instant.at(m));
    });
    const grid = campus.topology.site.campus!.grid;
    // the condenser loops remember the plan's loads, none while the grid is out or the chillers wait to restart
    const cwLag = new CwLoopLag(equips.length, (m, out) => {
      const o = campus.grid.at(m) ?? campus.grid.lastBefore(m);
      if (o && m < o.end + RESTART_MIN * MINUTE) out.fill(0);
      else plan.shares(m, out);
    });
    const shellWater = new ShellWater((m) => plantRoomC(instant.at(m).ambientC));
    const w: WaterTemps = { chws: 0, chwr: 0, cws: 0, cwr: 0 };
    const loop = { chwReturnC: 0, cwSupplyC: 0 };
    const shells: ScrewStandstillInput = { evapWaterC: 0, condWaterC: 0, plantRoomC: 0, offMinutes: 0 };
    const scratch = newScratch();
    const input = newMeterInput();
    const op = newChillerOperation();
    const circuitInput = newCircuitInput();
    const still = newScrewCircuit();
    const on = new Uint8Array(equips.length);
    const limits = new Float64Array(equips.length);
    /** the sequencer's enable of each chiller: staged on and not unloading for a staged stop */
    const enabled = new Uint8Array(equips.length);
    /** when each stopped chiller's pumps started ahead of its compressor (NaN: they did not), and the next staging */
    const prestart = new Float64Array(equips.length);
    const onNext = new Uint8Array(equips.length);
    /** how long each running chiller's pumps ran before its compressor started, minutes */
    const pumpedMin = new Float64Array(equips.length);
    const order = new Int32Array(equips.length);
    /** when each running chiller's compressor started, and how long it had stood before (minutes; Infinity: long) */
    const startedAt = new Float64Array(equips.length);
    const stoodMin = new Float64Array(equips.length);
    /** the minute a chiller's high-pressure cut-out tripped it, while it is locked out (NaN: it is not) */
    const tripped = new Float64Array(equips.length);
    /** while a chiller is isolated for its service at the end of a fault, when it stopped (NaN: it is not) */
    const serviced = new Float64Array(equips.length);
    /** when a chiller came back from its lockout or its service (NaN: it did not lately) */
    const returned = new Float64Array(equips.length);
    // a fouled chiller's condensing pressure at a minute, run at its planned share (one degradation at a time: no
    // charge lost, no sawtooth)
    const trips = new ChillerHpTrips((i, m, extraFouling) => {
      const share = plan.share(i, m);
      if (Number.isNaN(share)) return share;
      const c = cases[i]!;
      c.cwLoad = cwLag.at(i, m);
      const at = instant.at(m);
      c.chargeLoss = 0;
      c.chwOffsetK = 0;
      c.loadLimit = 1;
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
        const inService = (i: number) =>
          frame.faulted[equips[i]!.position * T + k] !== 1 && Number.isNaN(tripped[i]!) && Number.isNaN(serviced[i]!);
        const available = (i: number) => campus.restartShare(equips[i]!.config, d, RESTART_MIN) > 0 && inService(i);
        staging.stage(period, available, on);
        /** when chiller j stopped, if it stopped for a trip, a fault, its service or an outage (NaN: none of these) */
        const cutOf = (j: number) => {
          const gj = equips[j]!.position * T + k;
          if (!Number.isNaN(tripped[j]!)) return tripped[j]!;
          if (!Number.isNaN(serviced[j]!)) return serviced[j]!;
          if (frame.faulted[gj] === 1) return frame.faultStart[gj]!;
          if (campus.restartShare(equips[j]!.config, d, RESTART_MIN) <= 0)
            return d.gridUp ? (campus.grid.lastBefore(t)?.start ?? t) : t - d.outageMin * MINUTE;
          return Number.NaN;
        };
        const outage = Number.isFinite(d.restoredMin) ? campus.grid.lastBefore(t) : undefined;
        const restart = outage ? outage.end + RESTART_MIN * MINUTE : Number.NaN;
        // the pumps of a chiller about to start, at the next staging boundary or at the restart after an outage
        prestart.fill(Number.NaN);
        const pumpsFrom = (at: number, avail: (i: number) => boolean) => {
          if (!(t >= at - PRESTART_MIN * MINUTE && t < at)) return;
          staging.stage(Math.floor(at / STAGE_MS) * STAGE_MS, avail, onNext);
          for (let i = 0; i < equips.length; i++) if (onNext[i] && !on[i]) prestart[i] = at - PRESTART_MIN * MINUTE;
        };
        pumpsFrom(period + STAGE_MS, available);
        if (d.gridUp) pumpsFrom(restart, inService);
        enabled.fill(0);
        for (let i = 0; i < equips.length; i++) {
          if (!on[i]) continue;
          // started at its staging boundary (or, standing in for a machine that stopped in the period, when that one
          // stopped), after a repair, a reset or a tube cleaning, after the grid came back
          const g = equips[i]!.position * T + k;
          const plannedStart = staging.since(i, period);
          let instead = period;
          if (!plan.runs(i, t))
            for (let j = 0; j < equips.length; j++) {
              const cut = plan.runs(j, t) && !on[j] ? cutOf(j) : Number.NaN;
              if (cut > instead && cut <= t) instead = cut;
            }
          const starts = [plan.runs(i, t) ? plannedStart : instead, frame.recoveredFrom[g]!, returned[i]!];
          if (restart <= t) starts.push(restart);
          const start = Math.max(...starts.filter((x) => !Number.isNaN(x) && x <= t));
          startedAt[i] = start;
          stoodMin[i] = Number.POSITIVE_INFINITY;
          if (Number.isFinite(start) && start === plannedStart) stoodMin[i] = (start - staging.since(i, start - STAGE_MS)) / MINUTE;
          else if (start === restart) stoodMin[i] = (restart - outage!.start) / MINUTE;
          pumpedMin[i] = start % STAGE_MS === 0 || start === restart ? PRESTART_MIN : 0;
          const toStop = plan.runs(i, t) ? plan.toStopMinutes(i, t) : Number.POSITIVE_INFINITY;
          limits[i] = loadLimit((t - start) / MINUTE, toStop);
          // a stage-down drops the enable: the machine soft-stops, unloading over its last minutes
          enabled[i] = toStop > UNLOAD_MIN ? 1 : 0;
        }
        // the loop's call on the chillers; pulled down from warmer after the plant stood through an outage
        let call = loopShare(loadAt(t, d), ratings, limits, on, order);
        // the loop's return when the plant restarts after the outage, share over the design ΔT
        const stood = () => {
          const before = outage!.start - MINUTE;
          plan.fill(before, pullDown.minute.on, pullDown.minute.limits);
          const x = loopShare(loadAt(before, instant.at(before)), ratings, pullDown.minute.limits, pullDown.minute.on, order);
          const roomC = plantRoomC(instant.at(restart).ambientC);
          const drift = Math.exp(-(restart - outage!.start) / MINUTE / STANDSTILL_TAU_MIN);
          return (roomC + (CHW_SETPOINT_C + x * designDtK - roomC) * drift - CHW_SETPOINT_C) / designDtK;
        };
        if (restart <= t) {
          const pulled = pullDown.shareAt(restart, t, stood);
          if (pulled > call) call = pulled;
        }
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
          c.loadLimit = 1;
          c.onMinutes = Number.POSITIVE_INFINITY;
          c.offBeforeMinutes = Number.POSITIVE_INFINITY;
          // a fouled machine runs at the plan's share, as its cut-out's lookback computed it, so it trips when its own
          // head pressure reaches the cut-out (when another chiller is out, the plant's total is off by the difference)
          const planned = Number.isNaN(rise) ? Number.NaN : plan.share(i, t);
          const asked = on[i] ? (Number.isNaN(planned) ? call : planned) : 0;
          c.cwLoad = cwLag.at(i, t);
          // a short-cycling machine's pumps run on while its compressor rests; a starting one's run ahead of it
          const starting = !on[i] && !Number.isNaN(prestart[i]!);
          if (starting) enabled[i] = 1;
          const pumps = on[i] === 1 || starting;
          let compressor = on[i] === 1;
          let offMinutes = 0;
          if (on[i] && !Number.isNaN(cycle)) {
            // short-cycling: it pulls the water down to its low-temperature cut-out 1.2 K under setpoint at twice
            // the load, stops with its pumps running, restarts as soon as the water is back near the loop's return
            const phase = (((t - frame.degradedStart[g]!) / (cycle * MINUTE)) % 1) * 2;
            compressor = phase < 1;
            if (compressor) {
              c.chwOffsetK = (1 - phase) * Math.min(1, asked) * designDtK - 1.2 * phase;
              c.onMinutes = (phase * cycle) / 2;
              c.offBeforeMinutes = cycle / 2;
            } else {
              c.chwOffsetK = -1.2;
              offMinutes = ((phase - 1) * cycle) / 2;
            }
            operateChiller(c, Math.min(1, 2 * asked), t, d.wetBulbC, room, seed, op, circuitInput);
          } else if (compressor) {
            c.onMinutes = (t - startedAt[i]!) / MINUTE;
            c.offBeforeMinutes = stoodMin[i]!;
            c.loadLimit = limits[i]!;
            operateChiller(c, asked, t, d.wetBulbC, room, seed, op, circuitInput);
          } else {
            // stopped: tripped by its cut-out, down for a fault or repair, the grid out, or staged off
            const stop = plan.stoppedAt(i, t, cutOf(i));
            offMinutes = (t - stop) / MINUTE;
            const last = plan.before(i, stop);
            c.loadLimit = last.limit;
            // the condenser water that stands in it is what left it at its stop (after hours, the room's anyway)
            if (t - stop < COND_STANDSTILL_TAU_MIN * 3 * MINUTE) c.cwLoad = cwLag.at(i, stop);
            operateChiller(c, last.call, t, d.wetBulbC, room, seed, op, circuitInput);
          }
          const kw = compressor ? op.kw : 0;
          const tr = compressor ? op.tr : 0;
          campus.duty[pos] = compressor ? op.delivered : pumps ? 1e-3 : 0;
          campus.rejectKw[pos] = compressor ? tr * KW_PER_TR + kw : 0;
          input.kw = kw;
          input.kvar = kw * 0.48; // screw compressor motors: pf ≈ 0.9
          input.closed = campus.supplied(e, d);
          feed(state, campus, pos, kw, input.kvar, 0.1 * kw);
          if (!columnsWanted(frame, pos)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          w.chws = op.chwSupplyC;
          w.chwr = op.chwReturnC;
          w.cws = op.cwSupplyC;
          w.cwr = op.cwReturnC;
          let circuit = op.circuit;
          const stop = t - offMinutes * MINUTE;
          shells.plantRoomC = room;
          shells.offMinutes = offMinutes;
          if (starting) {
            // its pumps started ahead of its compressor
            loop.chwReturnC = CHW_SETPOINT_C + (restart > t ? stood() : call) * designDtK;
            loop.cwSupplyC = towerSupplyC(d.wetBulbC, cwLag.at(i, t));
            shellWater.flushing(w, stop, t, room, (t - prestart[i]!) / MINUTE, loop, shells);
            circuit = screwStandstill(op.circuit, shells, still);
          } else if (!compressor) {
            if (pumps) {
              // its pumps run on: the loop's return flows through, the condenser water cools to the tower's
              w.chwr = op.chwReturnC - op.delivered * op.designDtK + asked * op.designDtK;
              w.chws = w.chwr + (op.chwSupplyC - w.chwr) * Math.exp(-offMinutes / 2);
              w.cwr = w.cws + (op.cwReturnC - w.cws) * Math.exp(-offMinutes / 2);
            } else shellWater.stood(w, stop, t, room);
            shells.evapWaterC = w.chws;
            shells.condWaterC = w.cwr;
            circuit = screwStandstill(op.circuit, shells, still);
          } else if (Number.isNaN(cycle) && c.onMinutes + pumpedMin[i]! < FLUSH_MIN) {
            // its pumps started lately (ahead of it, or with it after a trip or a repair)
            const pumpsOn = startedAt[i]! - pumpedMin[i]! * MINUTE;
            const stoodSince = startedAt[i]! - stoodMin[i]! * MINUTE;
            shellWater.afterStart(w, stoodSince, pumpsOn, c.onMinutes + pumpedMin[i]!, room, designDtK, CHW_SETPOINT_C);
          }
          const { chws, chwr, cws, cwr } = w;
          const flow = pumps ? op.flowLpm : 0;
          const cwFlow = pumps ? op.cwFlowLpm : 0;
          const share = compressor ? op.delivered : 0;
          writeRow(truth, cols.enable[i]!, T, k, enabled[i]!);
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
          input.nonlinear = 0.1;
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t) * (1 - 0.015 * share);
          input.hz = sourceHz(grid.frequencyHz, d, seed, t);
          input.iscA = 12_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          writeRow(truth, cols.rla[i]!, T, k, (100 * scratch.currentA) / rla[i]!);
        }
      },
    };
  },
});
