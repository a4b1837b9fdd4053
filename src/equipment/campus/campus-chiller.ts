import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { hashString } from '../../random/rng.js';
import { degradation, degradationProgress } from '../../sim/physics/campus-context.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { partLoadFactor } from '../../sim/relations/chiller-performance.js';
import { ie3Efficiency, partLoadPowerFactor } from '../../sim/relations/elec-motor.js';
import { HARMONIC_GROUP, harmonicKvaRss, LINEAR_THD_I } from '../../sim/relations/elec-power-quality.js';
import { newScrewCircuit, type ScrewStandstillInput, screwStandstill } from '../../sim/relations/screw-chiller-circuit.js';
import { defineCampusType } from './campus-type.js';
import { ChillerColumns, type ChillerReading } from './chiller-columns.js';
import { ChillerHpTrips } from './chiller-hp-trip.js';
import { loadLimit, loopShare, UNLOAD_MIN } from './chiller-loading.js';
import { ChillerLockouts } from './chiller-lockouts.js';
import {
  CHW_SETPOINT_C,
  type ChillerCase,
  DESIGN_COP,
  KW_PER_TR,
  newChillerOperation,
  newCircuitInput,
  operateChiller,
} from './chiller-operation.js';
import { chillerPlant, plantRoomC, RESTART_MIN } from './chiller-plant.js';
import { CHILLER_POINTS } from './chiller-points.js';
import { STAGE_MS } from './chiller-staging.js';
import { COND_STANDSTILL_TAU_MIN, ShellWater, type WaterTemps } from './shell-water.js';
import {
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
/** full-load power factor of a semi-hermetic screw compressor's motor */
const SCREW_MOTOR_PF = 0.9;
/** past this after its pumps started the water that stood in a chiller's shells has long passed its sensors, minutes */
const FLUSH_MIN = 10;
/**
 * a staged start runs the chiller's pumps (its isolation valves open) this long before the compressor, until both
 * flow switches prove flow: the water that stood in its shells is flushed before it starts, minutes
 */
const PRESTART_MIN = 3;

/** `chiller_NNN`: water-cooled R-134a screw chillers staged on the plant's load, lead rotating weekly. */
export const campusChiller = defineCampusType({
  name: 'campusChiller',
  role: 'chiller',
  markers: 'chiller chilled water plant',
  points: CHILLER_POINTS,
  ratingTags: (e: CampusEquip) => ({ coolingCapacity: HNum.make(e.rating, 'tonref') }),
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.3));
    // rated load amps: the design full-load current (AHRI, PF 0.9 at 415 V) is about 90 % of it
    const designKw = equips.map((n) => (n.config.rating * KW_PER_TR) / (DESIGN_COP * partLoadFactor(1)) + 0.006 * n.config.rating);
    const rla = designKw.map((kw) => (kw * 1000) / (Math.sqrt(3) * 415 * 0.9) / 0.9);
    const motorEta = designKw.map((kw) => ie3Efficiency(kw));
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
    const cols = new ChillerColumns(rows, equips);
    const plant = chillerPlant(campus, seed);
    const { staging, plan, instant, ratings, designDtK } = plant;
    const cwLoadAt = (i: number, t: number) => plant.cwLag.at(plant.towerOf[i]!, t);
    const ahuPositions = campus.plan.of('ahu').map((a) => campus.position.get(a.id)!);
    const shellWater = new ShellWater((m) => plantRoomC(instant.at(m).ambientC));
    const w: WaterTemps = { chws: 0, chwr: 0, cws: 0, cwr: 0 };
    const loop = { chwReturnC: 0, cwSupplyC: 0 };
    const shells: ScrewStandstillInput = { evapWaterC: 0, condWaterC: 0, plantRoomC: 0, offMinutes: 0 };
    const reading: ChillerReading = { enabled: false, compressor: false, pumps: false, alarm: false };
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
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
    // a fouled chiller's condensing pressure at a minute, run at its planned share (one degradation at a time: no
    // charge lost, no sawtooth)
    const trips = new ChillerHpTrips((i, m, extraFouling) => {
      const share = plan.share(i, m);
      if (Number.isNaN(share)) return share;
      const c = cases[i]!;
      c.cwLoad = cwLoadAt(i, m);
      const at = instant.at(m);
      c.chargeLoss = 0;
      c.chwOffsetK = 0;
      c.loadLimit = 1;
      c.extraFouling = extraFouling;
      operateChiller(c, share, m, at.wetBulbC, plantRoomC(at.ambientC), seed, op, circuitInput);
      return op.circuit.condPressureBar;
    });
    const lockouts = new ChillerLockouts(equips, trips);
    const grid = campus.topology.site.campus!.grid;
    const { tripped, serviced, returned } = lockouts;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const room = plantRoomC(d.ambientC);
        const period = Math.floor(t / STAGE_MS) * STAGE_MS;
        lockouts.fill(frame, k);
        const inService = (i: number) => frame.faulted[equips[i]!.position * T + k] !== 1 && lockouts.free(i);
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
        // the loop's call on the chillers: the handlers running (a faulted one stopped), the process and the loop's
        // gains; pulled down from warmer after the plant stood through an outage
        const skipAhu = (a: number) => frame.faulted[ahuPositions[a]! * T + k] === 1;
        let call = loopShare(plant.loadAt(t, instant.at(t), skipAhu), ratings, limits, on, order);
        const restarted = plant.restartedFrom(t);
        if (restarted) {
          const pulled = plant.pulledShare(restarted, t);
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
          c.cwLoad = cwLoadAt(i, t);
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
            if (t - stop < COND_STANDSTILL_TAU_MIN * 3 * MINUTE) c.cwLoad = cwLoadAt(i, stop);
            operateChiller(c, last.call, t, d.wetBulbC, room, seed, op, circuitInput);
          }
          const kw = compressor ? op.kw : 0;
          const tr = compressor ? op.tr : 0;
          campus.duty[pos] = compressor ? op.delivered : pumps ? 1e-3 : 0;
          campus.rejectKw[pos] = compressor ? tr * KW_PER_TR + kw : 0;
          input.kw = kw;
          // the screw compressors' motors (PF 0.9 at full load): an unloaded slide valve leaves their magnetising kVAr
          const pf = partLoadPowerFactor(motorEta[i]!, SCREW_MOTOR_PF, kw / designKw[i]!);
          input.kvar = kw > 0 ? kw * Math.sqrt(1 / (pf * pf) - 1) : 0;
          input.closed = campus.supplied(e, d);
          // fixed-speed screw compressors (slide-valve unloading, no drive): a linear load
          loadHarmonics(HARMONIC_GROUP.linear, LINEAR_THD_I, kw, input.kvar, harmonics);
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          feed(state, campus, pos, kw, input.kvar, harmonics);
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
            loop.chwReturnC = CHW_SETPOINT_C + (restart > t ? plant.standingShare(outage!, restart) : call) * designDtK;
            loop.cwSupplyC = plant.cwSupplyC(plant.towerOf[i]!, t, d.wetBulbC);
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
          const share = compressor ? op.delivered : 0;
          reading.enabled = enabled[i] === 1;
          reading.compressor = compressor;
          reading.pumps = pumps;
          // a failed machine is locked out on its trip until someone resets it, and so is one its cut-out tripped
          reading.alarm = frame.faulted[g] === 1 || !Number.isNaN(tripped[i]!);
          cols.write(truth, T, k, i, reading, w, op, circuit);
          input.vLL = supplyVolts(grid.nominalVolts, campus, e, d, seed, t) * (1 - 0.015 * share);
          input.hz = supplyHz(grid.frequencyHz, campus, e, d, seed, t);
          input.iscA = 12_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          writeRow(truth, cols.row('motor_current_rla_percent', i), T, k, (100 * scratch.currentA) / rla[i]!);
        }
      },
    };
  },
});
