import { HNum } from 'haystack-core';
import type { CampusEquip, PumpDuty } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString, smoothNoise, uniform } from '../../random/rng.js';
import { type CampusContext, type CampusDrivers, degradation, degradationProgress } from '../../sim/physics/campus-context.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { columnsWanted, type Frame, writeRow } from '../../sim/physics/frame.js';
import {
  affinityShaftFraction,
  motorEfficiency,
  motorPowerFactor,
  motorThermal,
  motorTimeConstantsMin,
} from '../../sim/relations/elec-motor.js';
import { campusHistory } from '../../sim/physics/campus-history.js';
import type { PhysicsContext } from '../../sim/physics/physics-stage.js';
import { defineCampusType } from './campus-type.js';
import { operatingPoint } from './operating-point.js';
import { CHW_LPM_PER_TR, CW_LPM_PER_TR } from './chiller-operation.js';
import { harmonicKvaRss } from '../../sim/relations/elec-power-quality.js';
import {
  ELEC_POINTS,
  elecMeta,
  feed,
  motorHarmonics,
  newHarmonics,
  newMeterInput,
  newScratch,
  supplyHz,
  supplyVolts,
  writeElec,
  writePower,
} from './elec-columns.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** a process line or a lag air compressor is started or stopped at most once in this */
const SLOT_MS = 15 * MINUTE;
/** a worn bearing's replacement at the end of its window: isolated, coupling off, bearing pulled and fitted, aligned */
const BEARING_REPLACEMENT_MS = 4 * HOUR;

/** Columns of any motor-driven machine: its shaft, windings and bearings. */
const MOTOR_POINTS: readonly PointTemplate[] = [
  { key: 'run_status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  num('motor_speed_rpm', 'Motor Speed', 'motor speed sensor', 'rpm', 0, { relativeNoise: 0.001 }),
  num('winding_temp_c', 'Winding Temp', 'motor temp sensor', '°C', 1, { noise: 0.1, drifts: true }),
  num('bearing_temp_c', 'Bearing Temp', 'motor temp sensor', '°C', 1, { noise: 0.1 }),
  num('vibration_mm_s', 'Vibration', 'motor sensor', 'mm/s', 2, { relativeNoise: 0.04 }),
  num('efficiency_percent', 'Efficiency', 'motor efficiency sensor', '%', 1),
  {
    key: 'running_hours',
    dis: 'Running Hours',
    markers: 'run sensor',
    kind: 'Number',
    unit: 'h',
    decimals: 1,
    totalized: true,
    rateKey: 'run_status',
  },
];

/** Rows of the motor columns. */
function motorRows(rows: { one(e: unknown, k: string): number }, node: unknown) {
  const r = (k: string) => rows.one(node, k);
  return {
    run: r('run_status'),
    rpm: r('motor_speed_rpm'),
    winding: r('winding_temp_c'),
    bearing: r('bearing_temp_c'),
    vib: r('vibration_mm_s'),
    eff: r('efficiency_percent'),
  };
}

/**
 * One motor-driven machine at an instant: `shaft` is the shaft power as a share of the motor's rating,
 * `speed` the share of synchronous speed (VFD), `vfd` whether it is driven through a drive.
 */
interface Drive {
  shaft: number;
  speed: number;
  on: boolean;
}

/** Electrical draw of a driven machine into `out`; returns its motor's efficiency. */
function motorDraw(e: CampusEquip, drive: Drive, out: { kw: number; kvar: number }): number {
  const load = drive.on ? drive.shaft : 0;
  const eff = drive.on ? motorEfficiency(e.rating, Math.max(0.05, load)) : 0;
  const kw = drive.on ? (e.rating * Math.max(0.05, load)) / eff : 0;
  // behind a VFD the line sees the drive's rectifier (pf ≈ 0.95 displacement); direct on line, the motor's own pf
  const pf = drive.on ? (e.vfd ? 0.96 : motorPowerFactor(e.rating, Math.max(0.05, load))) : 1;
  out.kw = kw;
  out.kvar = drive.on ? kw * Math.tan(Math.acos(pf)) : 0;
  return eff;
}

/** Motor columns of a driven machine whose motor runs at efficiency `eff` (motorDraw). */
function driveMotor(
  frame: Frame,
  k: number,
  rows: ReturnType<typeof motorRows>,
  d: CampusDrivers,
  drive: Drive,
  eff: number,
  wear: number,
  thermal: { windingTempC: number; bearingTempC: number; vibrationMmS: number },
): void {
  const T = frame.timestamps.length;
  const truth = frame.truth;
  const load = drive.on ? drive.shaft : 0;
  motorThermal(load, d.ambientC, wear, thermal);
  writeRow(truth, rows.run, T, k, drive.on ? 1 : 0);
  // 4-pole motor at 50 Hz: 1500 rpm synchronous, a few per cent slip at full load
  writeRow(truth, rows.rpm, T, k, drive.on ? 1500 * drive.speed * (1 - 0.025 * load) : 0);
  writeRow(truth, rows.winding, T, k, thermal.windingTempC);
  writeRow(truth, rows.bearing, T, k, thermal.bearingTempC);
  writeRow(truth, rows.vib, T, k, drive.on ? thermal.vibrationMmS : 0.1);
  writeRow(truth, rows.eff, T, k, 100 * eff);
}

/** The quarter hour `t` falls in, starting at `key`'s own minute: where its supervisor starts or stops it. */
function slotOf(t: number, key: number): number {
  const offset = (key % 15) * MINUTE;
  return SLOT_MS * Math.floor((t - offset) / SLOT_MS) + offset;
}

/** The plant's production pace at `slot`, an instant at most a quarter hour before the frame's k-th. */
function paceAt(campus: CampusContext, d: CampusDrivers, frame: Frame, k: number, slot: number): number {
  const hour = d.hour - (frame.timestamps[k]! - slot) / HOUR;
  // a slot that began before local midnight is the day before's (IST has no DST: a day is 24 h)
  const day = frame.local.dayIndex[k]!;
  return hour < 0 ? campus.shifts.level(hour + 24, day - 1, slot) : campus.shifts.level(hour, day, slot);
}

/** kW nameplate tag. */
const kwTags = (e: CampusEquip) => ({ ratedPower: HNum.make(e.rating, 'kW') });

/** A column an `extra` writes its steady value into, lagged like the windings: time constants running and stopped, min. */
interface LaggedColumn {
  readonly key: string;
  readonly tauRunMin: number;
  readonly tauStopMin: number;
}

/**
 * The stage shared by the motor-driven types: `duty` gives each machine's drive at an instant. Windings, bearings
 * and the `lagged` columns follow their steady values with the machine's time constants (campus-history.ts): a
 * stopped machine cools from where it was, a started one warms from where it had cooled to.
 */
function motorStage(
  ctx: PhysicsContext<CampusEquip>,
  campus: CampusContext,
  rowsOf: (node: unknown) => { elec: ReturnType<typeof elecMeta>; motor: ReturnType<typeof motorRows>; extra: Record<string, number> },
  duty: (e: CampusEquip, d: CampusDrivers, t: number, drive: Drive, frame: Frame, k: number, position: number) => void,
  extra: (frame: Frame, k: number, e: CampusEquip, rows: Record<string, number>, drive: Drive, d: CampusDrivers) => void,
  lagged: readonly LaggedColumn[] = [],
) {
  const { equips, seed } = ctx;
  const metas = equips.map((n) => rowsOf(n));
  const history = campusHistory(campus, ctx);
  const channels = equips.map((n, i) => {
    const m = metas[i]!.motor;
    const tau = motorTimeConstantsMin(n.config.rating);
    const lag = (row: number, run: number, stop: number) => history?.add(n.id, row, run, stop, m.run) ?? -1;
    return {
      winding: lag(m.winding, tau.windingRun, tau.windingStop),
      bearing: lag(m.bearing, tau.bearingRun, tau.bearingStop),
      extra: lagged.map((c) => lag(ctx.rows.one(n, c.key), c.tauRunMin, c.tauStopMin)),
      extraRows: lagged.map((c) => ctx.rows.one(n, c.key)),
    };
  });
  // motors restart a few minutes apart after supply returns
  const restartMin = equips.map((n) => 1 + (hashString(n.config.id) % 6));
  const scratch = newScratch();
  const input = newMeterInput();
  const harmonics = newHarmonics();
  const drive: Drive = { shaft: 0, speed: 1, on: false };
  const thermal = { windingTempC: 0, bearingTempC: 0, vibrationMmS: 0 };
  const power = { kw: 0, kvar: 0 };
  const nominal = campus.topology.site.campus!.grid.nominalVolts;
  const hz = campus.topology.site.campus!.grid.frequencyHz;
  return {
    step(frame: Frame, k: number, state: import('../../sim/physics/frame.js').BuildingState) {
      const d = campus.drivers(frame, k);
      const t = frame.timestamps[k]!;
      const T = frame.timestamps.length;
      const truth = frame.truth;
      equips.forEach((node, i) => {
        const e = node.config;
        const m = metas[i]!;
        drive.on = false;
        drive.shaft = 0;
        drive.speed = 1;
        const share = campus.restartShare(e, d, restartMin[i]!);
        // a wearing bearing gets worse through its window, then is replaced: the machine stands its last hours
        const worn = degradation(frame, node.position, k, FaultCode.BearingWear);
        const wear = Number.isNaN(worn) ? 0 : worn * degradationProgress(frame, node.position, k);
        const replacing = !Number.isNaN(worn) && t >= frame.degradedEnd[node.position * T + k]! - BEARING_REPLACEMENT_MS;
        const down = frame.faulted[node.position * T + k] === 1 || replacing;
        if (share > 0 && !down) duty(e, d, t, drive, frame, k, node.position);
        const eff = motorDraw(e, drive, power);
        input.kw = power.kw;
        input.kvar = power.kvar;
        input.closed = campus.supplied(e, d);
        motorHarmonics(Boolean(e.vfd), drive.on ? drive.shaft : 0, power.kw, power.kvar, harmonics);
        feed(state, campus, node.position, power.kw, power.kvar, harmonics);
        if (!columnsWanted(frame, node.position)) {
          writePower(frame, k, m.elec, input);
          return;
        }
        driveMotor(frame, k, m.motor, d, drive, eff, wear, thermal);
        extra(frame, k, e, m.extra, drive, d);
        if (history && !frame.steadyLags) {
          const c = channels[i]!;
          const at = (row: number, ch: number, steady: number) => {
            writeRow(truth, row, T, k, history.at(ch, t, steady, drive.on));
          };
          at(m.motor.winding, c.winding, thermal.windingTempC);
          at(m.motor.bearing, c.bearing, thermal.bearingTempC);
          c.extra.forEach((ch, j) => at(c.extraRows[j]!, ch, truth[c.extraRows[j]! * T + k]!));
        }
        input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
        input.vLL = supplyVolts(nominal, campus, e, d, seed, t) * (1 - 0.012 * drive.shaft);
        input.hz = supplyHz(hz, campus, e, d, seed, t);
        input.iscA = 8_000;
        writeElec(frame, k, m.elec, input, scratch, t, seed);
      });
    },
  };
}

const PUMP_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  ...MOTOR_POINTS,
  num('water_flow_lpm', 'Water Flow', 'water flow sensor', 'L/min', 0, { relativeNoise: 0.01 }),
  num('discharge_pressure_bar', 'Discharge Pressure', 'water discharge pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('suction_pressure_bar', 'Suction Pressure', 'water pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('speed_percent', 'Drive Speed', 'vfd speed sensor', '%', 1),
];

/** a pump's hydraulic efficiency, shaft to water */
const PUMP_EFFICIENCY = 0.7;
/**
 * Pressure standing on a pump's suction, bar: a closed chilled-water loop's fill pressure (its expansion tank), a
 * tower basin's flooded suction of a few metres, a process or storage tank's level, a dosing day tank's.
 */
const SUCTION_BAR: Record<PumpDuty, number> = { chw: 2, cw: 0.3, process: 0.5, transfer: 0.3, dosing: 0.15 };
/** Design flow of a pump from its motor: L/min at ≈ 25 m head. */
const designLpm = (kw: number) => (kw * PUMP_EFFICIENCY * 60_000) / (9.81 * 25);

/** `pump_NNN`: chilled- and condenser-water pumps follow their chiller; process pumps the shifts; transfer and dosing pumps cycle. */
export const campusPump = defineCampusType({
  name: 'pump',
  role: 'pump',
  markers: 'pump motor water',
  points: PUMP_POINTS,
  ratingTags: kwTags,
  physics: (ctx, campus) =>
    motorStage(
      ctx,
      campus,
      (node) => ({
        elec: elecMeta(ctx.rows, node as never, campus.plan, 415, 0.5),
        motor: motorRows(ctx.rows, node),
        extra: {
          flow: ctx.rows.one(node as never, 'water_flow_lpm'),
          dis: ctx.rows.one(node as never, 'discharge_pressure_bar'),
          suc: ctx.rows.one(node as never, 'suction_pressure_bar'),
          speed: ctx.rows.one(node as never, 'speed_percent'),
        },
      }),
      (e, d, t, drive) => {
        const duty = e.pumpDuty!;
        if (duty === 'chw' || duty === 'cw') {
          const load = campus.duty[campus.position.get(e.serves!)!] ?? 0;
          if (load <= 0) return;
          drive.on = true;
          // a chiller's own pumps (constant primary) move the flow its evaporator and condenser are rated for, at
          // the drive speed the balancer set at commissioning
          drive.speed = 0.84 + 0.12 * uniform(ctx.seed, hashString(e.id), 2);
        } else if (duty === 'process') {
          if (d.production <= 0.05) return;
          drive.on = true;
          drive.speed = 0.55 + 0.4 * d.production + 0.03 * smoothNoise(ctx.seed, hashString(e.id), t, 20 * MINUTE);
        } else {
          // transfer and dosing pumps run in cycles: a tank filling, a 16-minute dose every hour (longer than the
          // thermal replay's 15-minute grid, so every run shows in the windings' history)
          const period = duty === 'transfer' ? 3 * HOUR : HOUR;
          const on = duty === 'transfer' ? 0.3 : 0.27;
          const pos = (t / period + uniform(ctx.seed, hashString(e.id), 0)) % 1;
          if (pos >= on) return;
          drive.on = true;
        }
        drive.shaft = affinityShaftFraction(drive.speed, duty === 'cw' ? 0.3 : 0.15) * 0.85 * operatingPoint(ctx.seed, hashString(e.id), t);
      },
      (frame, k, e, r, drive) => {
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const chiller = e.pumpDuty === 'chw' || e.pumpDuty === 'cw' ? campus.plan.byId.get(e.serves!) : undefined;
        const chillerLpm = chiller && chiller.rating * (e.pumpDuty === 'chw' ? CHW_LPM_PER_TR : CW_LPM_PER_TR);
        const flow = !drive.on ? 0 : (chillerLpm ?? designLpm(e.rating) * drive.speed);
        // discharge over suction: the work its shaft puts into the flow (P = Q·Δp / η)
        const head = drive.on ? (drive.shaft * e.rating * PUMP_EFFICIENCY * 60_000) / flow / 100 : 0;
        // what stands on its suction (each pump's own pipework and level), less the suction line's friction running
        const standing = SUCTION_BAR[e.pumpDuty!] * (0.85 + 0.3 * uniform(ctx.seed, hashString(e.id), 3));
        const suction = standing - (drive.on ? 0.06 * drive.speed * drive.speed : 0);
        writeRow(truth, r.flow!, T, k, flow);
        writeRow(truth, r.suc!, T, k, suction);
        writeRow(truth, r.dis!, T, k, suction + head);
        writeRow(truth, r.speed!, T, k, drive.on ? 100 * drive.speed : 0);
      },
    ),
});

const MOTOR_TYPE_POINTS: readonly PointTemplate[] = [...ELEC_POINTS, ...MOTOR_POINTS];

/** `motor_NNN`: process motors (conveyors, mixers, blowers) loaded by the shift's production. */
export const campusMotor = defineCampusType({
  name: 'motor',
  role: 'motor',
  markers: 'motor',
  points: MOTOR_TYPE_POINTS,
  ratingTags: kwTags,
  physics: (ctx, campus) =>
    motorStage(
      ctx,
      campus,
      (node) => ({
        elec: elecMeta(ctx.rows, node as never, campus.plan, 415, 0.5),
        motor: motorRows(ctx.rows, node),
        extra: {},
      }),
      (e, d, t, drive, frame, k) => {
        if (d.production <= 0.05) return;
        const key = hashString(e.id);
        // each line runs at its own share of the plant's pace, with batch-to-batch swings; the supervisor starts or
        // stops it at most once a quarter hour (its own minute in the quarter), on the pace at that quarter's start
        const slot = slotOf(t, key);
        drive.on = uniform(ctx.seed, key, Math.floor(slot / (4 * HOUR))) < 0.3 + 0.7 * paceAt(campus, d, frame, k, slot);
        drive.shaft = Math.min(
          1,
          (0.45 + 0.4 * d.production) * (0.9 + 0.2 * uniform(ctx.seed, key, 1)) + 0.06 * smoothNoise(ctx.seed, key, t, 7 * MINUTE),
        );
      },
      () => undefined,
    ),
});

const COMPRESSOR_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  ...MOTOR_POINTS,
  num('discharge_pressure_bar', 'Discharge Pressure', 'air discharge pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('air_flow_cfm', 'Free Air Delivery', 'air flow sensor', 'cfm', 0, { relativeNoise: 0.01 }),
  num('discharge_temp_c', 'Discharge Temp', 'air discharge temp sensor', '°C', 1, { noise: 0.2 }),
  num('oil_temp_c', 'Oil Temp', 'temp sensor', '°C', 1, { noise: 0.2 }),
  { key: 'load_status', dis: 'Loaded', markers: 'load sensor', kind: 'Bool', decimals: 0 },
];

/** load/unload cycle of a fixed-speed screw compressor, ms */
const COMPRESSOR_CYCLE_MS = 6 * MINUTE;

/**
 * `compressor_NNN`: fixed-speed screw air compressors in load/unload control: loaded at full power until
 * the receiver reaches the unload pressure, unloaded at about 30 % power until it falls to the load
 * pressure; the share of time loaded follows the plant's air demand.
 */
export const campusCompressor = defineCampusType({
  name: 'compressor',
  role: 'compressor',
  markers: 'compressor air',
  points: COMPRESSOR_POINTS,
  ratingTags: kwTags,
  physics: (ctx, campus) => {
    const { rows, seed } = ctx;
    const state = { loaded: false, pos: 0, share: 0, wander: 0, band: 0 };
    return motorStage(
      ctx,
      campus,
      (node) => ({
        elec: elecMeta(rows, node as never, campus.plan, 415, 0.5),
        motor: motorRows(rows, node),
        extra: {
          p: rows.one(node as never, 'discharge_pressure_bar'),
          flow: rows.one(node as never, 'air_flow_cfm'),
          dt: rows.one(node as never, 'discharge_temp_c'),
          oil: rows.one(node as never, 'oil_temp_c'),
          loaded: rows.one(node as never, 'load_status'),
        },
      }),
      (e, d, t, drive, frame, k, position) => {
        // compressors stage on in order as demand grows; the lead one always runs while air is used. The sequencer
        // starts or stops a lag machine at most once a quarter hour (its own minute in it), on the demand there;
        // between, a machine the demand no longer needs runs unloaded until its stop
        const staged = (production: number) => Math.max(0, Math.min(1, (0.25 + 0.7 * production) * 2.2 - e.index * 0.45));
        if (staged(paceAt(campus, d, frame, k, slotOf(t, hashString(e.id)))) <= 0) return;
        const share = staged(d.production);
        drive.on = true;
        // a leak or a short receiver makes it load and unload every minute or two
        const fast = degradation(frame, position, k, FaultCode.CompressorShortCycling);
        const cycle = Number.isNaN(fast) ? COMPRESSOR_CYCLE_MS : fast * MINUTE;
        state.pos = (t / cycle + uniform(seed, hashString(e.id), 0)) % 1;
        // the leak bleeds the receiver down between loads: even a base-load machine unloads each short cycle
        state.share = Number.isNaN(fast) ? share : Math.min(share, 0.6);
        state.loaded = state.pos < state.share;
        state.wander = smoothNoise(seed, hashString(e.id) ^ 0x9e55, t, 20 * MINUTE);
        // the receiver swings across the band: up from the load setpoint (6.9 bar) while loaded, down from the unload
        // setpoint (7.5 bar) while unloaded; a machine loaded throughout (the base one) holds the header mid-band
        const { pos } = state;
        const held = 7.2 + 0.04 * state.wander;
        const cycled = state.loaded ? 6.9 + (0.6 * pos) / state.share : 7.5 - (0.6 * (pos - state.share)) / (1 - state.share);
        // a machine nearly always loaded swings its receiver less and less: no jump where it becomes the base one
        state.band = state.share >= 0.999 ? held : held + (cycled - held) * Math.min(1, (1 - state.share) / 0.15);
        // loaded power follows the pressure it compresses against; unloaded it idles at about 28 %
        drive.shaft = state.loaded
          ? 0.92 + (0.06 * (state.band - 6.9)) / 0.6 + 0.004 * smoothNoise(seed, hashString(e.id), t, 3 * MINUTE)
          : 0.27 + 0.02 * pos;
      },
      (frame, k, e, r, drive, d) => {
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const p = drive.on ? state.band : 6.2;
        writeRow(truth, r.p!, T, k, p);
        writeRow(truth, r.flow!, T, k, drive.on && state.loaded ? e.rating * 5.6 : 0);
        // steady values: stopped, the machine settles at its room's temperature
        writeRow(truth, r.dt!, T, k, drive.on ? (state.loaded ? 82 : 74) : d.ambientC + 2);
        // the oil's thermostatic valve holds it near 76 °C loaded or unloaded
        writeRow(truth, r.oil!, T, k, drive.on ? 76 : d.ambientC + 2);
        writeRow(truth, r.loaded!, T, k, drive.on && state.loaded ? 1 : 0);
      },
      // the air end's discharge follows load and unload within minutes; the oil's mass and cooler take longer;
      // stopped, both cool to the room over an hour or two
      [
        { key: 'discharge_temp_c', tauRunMin: 2, tauStopMin: 30 },
        { key: 'oil_temp_c', tauRunMin: 8, tauStopMin: 60 },
      ],
    );
  },
});
