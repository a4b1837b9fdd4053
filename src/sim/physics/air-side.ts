import type { EquipNode, SiteSpec, Topology } from '../../model/topology.js';
import { pointId } from '../../model/topology.js';
import type { PointRows } from '../point-rows.js';
import { NoiseBank, NoiseTrack, hashString, uniform } from '../../random/rng.js';
import { occupancyAt } from '../relations/occupancy-curve.js';
import { humidityRatio } from '../relations/psychrometrics.js';
import { affinityPowerKw } from '../relations/fan-affinity.js';
import { DriftTrack, driftCycle } from '../relations/sensor-drift.js';
import { damperOpening, staticPressureReset } from '../relations/vav-damper.js';
import { AIR_FACTOR, approach, recoveryDeviation, vavAirflow } from '../relations/zone-thermal.js';
import { FaultCode } from '../fault-catalog.js';
import { writeRow, type AirSideTotals, type BuildingState, type Frame } from './frame.js';
import { MASS_COUPLING_BTUH_FT2_F, MASS_TAU_H, ZoneLoads } from './zone-loads.js';
import type { AirHandlerParams, TerminalUnitParams } from './air-side-params.js';
import type { ScheduleState } from './schedule.js';
import { MS_PER_HOUR } from '../../time/clock.js';

/** morning pull-down: zones at full airflow approach 3 °F below setpoint with this time constant (h) until they reach it */
const PULL_DOWN_TAU_H = 1.2;
const PULL_DOWN_UNDERSHOOT_F = 3;
/** morning warm-up: zones with reheat wide open approach 4 °F above setpoint with this time constant (h) */
const WARM_UP_TAU_H = 1.5;
const WARM_UP_OVERSHOOT_F = 4;
/** heating maximum airflow of a box, share of its cooling maximum (ASHRAE Guideline 36 boxes: 30–50 %) */
const HEATING_MAX_FRACTION = 0.5;
/** reheat coil: rated for 40 °F rise at heating maximum airflow; discharge never above 100 °F */
const REHEAT_RISE_F = 40;
const MAX_DISCHARGE_F = 100;
/** how fast the mass comes back to the room after a night, hours */
const MASS_RECOVERY_TAU_H = 4;
/** night-cycle period: the AHU runs for a share of each period equal to the worst zone's demand */
const NIGHT_CYCLE_MS = 2 * MS_PER_HOUR;
/** duct static reset range, inH₂O */
const MIN_STATIC_IN = 0.6;
const MAX_STATIC_IN = 1.8;
/** back from a fault, a box wide open moves its room at most this fast, °F/h (2 °F per 15 min) */
const RECOVERY_RATE_F_PER_H = 8;
/** the room's time constant back to setpoint after a fault, hours, per zone between these */
const RECOVERY_TAU_H: readonly [number, number] = [0.5, 1.5];
/** how fast a degradation (a starved box, a leaking valve) moves its room off, hours */
const ONSET_TAU_H = 2;
/** a hunting loop: damper swing (% points), airflow swing (share), room swing (°F) */
const HUNT_DAMPER = 20;
const HUNT_FLOW = 0.25;
const HUNT_TEMP_F = 0.8;

enum Mode {
  Off = 0,
  Occupied = 1,
  /** optimal start before occupancy, or occupied while zones still pull down / warm up */
  Startup = 2,
  NightHeat = 3,
  NightCool = 4,
}

interface AhuTotals {
  flow: number;
  tempFlow: number;
  reheat: number;
  /** a zone of the AHU is still warming up: the outside-air damper stays shut */
  warming: boolean;
}

/**
 * Zones, VAV boxes and air handlers for one timestamp: occupancy and weather
 * set each zone's load; the box's airflow follows load within its min/max;
 * the AHU's airflow is the sum of its boxes, its fan follows the affinity
 * law, its coil takes what the economizer cannot. Unoccupied, the zones float
 * on their mass and the AHU night-cycles only to hold a setback limit; in the
 * morning it starts early (optimal start) to pull zones down or warm them up.
 * Zone loops close on the zone sensor's reading, drift included.
 */
export class AirSide {
  private readonly p: SiteSpec;
  private readonly zones: ZoneLoads;
  /** per-zone scratch for the current timestamp */
  private readonly cfm: Float64Array;
  private readonly heatNeed: Float64Array;
  private readonly coolNeed: Float64Array;
  /** the zone indices of each AHU's boxes */
  private readonly zonesOfAhu: Int32Array[];
  /**
   * what the hot loops read of each box and zone, in typed arrays by zone: the boxes' own configs come from
   * several equipment types, and reading them is a megamorphic lookup that hands back boxed numbers
   */
  private readonly maxCfm: Float64Array;
  private readonly minFraction: Float64Array;
  private readonly reheats: Uint8Array;
  private readonly areaFt2: Float64Array;
  /** what a core zone (no façade) leans on through the conditioned floor around it, BTU/h·°F */
  private readonly coreUa: Float64Array;
  /** reused per AHU and timestamp: the hot path allocates nothing per step */
  private readonly totals: AhuTotals = { flow: 0, tempFlow: 0, reheat: 0, warming: false };
  /** a zone's box under an overridden setpoint: what `followSetpoint` leaves it (reused, nothing allocated per step) */
  private readonly boxNow = { cfm: 0, reheat: 0, sat: 0 };
  /** each zone's loop wobble, a track per zone */
  private readonly controlNoise: NoiseBank;
  /** the same tracks as `controlNoise`, read 0.37 h later for the damper trim (their own knots, so the two reads do not evict each other) */
  private readonly trimNoise: NoiseBank;
  private readonly staticNoise: NoiseTrack[];
  private readonly resetNoise: NoiseTrack[];
  /** each box's capacity wide open at the lowest duct static, share of its maximum airflow */
  private readonly capacityRatio: Float64Array;
  /** the zone sensor's drift, which the zone loop cannot see */
  private readonly sensorDrift: (DriftTrack | null)[];
  private readonly cyclePhase: Float64Array;
  /** each room's time constant back to setpoint after a fault, hours */
  private readonly recoveryTau: Float64Array;
  /** per zone at the current timestamp: a damper frozen where it stuck (NaN: free), and a hunting loop's swing (% points) */
  private readonly damperFixed: Float64Array;
  private readonly damperSwing: Float64Array;
  /** per zone at the current timestamp: the part of a biased sensor's offset the room has followed, °F */
  private readonly biasNow: Float64Array;
  /** per zone at the current timestamp `now`: what `driftOf(z, now)` gives, and the loop's wobble (°F) */
  private readonly driftNow: Float64Array;
  private readonly wobbleNow: Float64Array;
  private now = Number.NaN;
  /** what `degrade` leaves: the box's airflow, reheat the loop adds, heat a leaking valve passes (BTU/h) */
  private degradedCfm = 0;
  private extraReheat = 0;
  private leakBtuh = 0;
  /** where the current AHU's night cycle had its zones, past their setback limit, when this morning's start began (°F) */
  private startSwing = 0;
  private readonly rows;
  private readonly ahuRows;
  private readonly vavGlobal: Int32Array;
  private readonly ahuGlobal: Int32Array;

  /** VAV box i serves zone i */
  constructor(
    private readonly topology: Topology,
    private readonly vavs: readonly EquipNode<TerminalUnitParams>[],
    private readonly ahus: readonly EquipNode<AirHandlerParams>[],
    rows: PointRows,
    seed: number,
    epochMs?: number,
  ) {
    this.p = topology.site;
    this.zones = new ZoneLoads(topology, seed);
    const n = topology.zones.length;
    this.cfm = new Float64Array(n);
    this.heatNeed = new Float64Array(n);
    this.coolNeed = new Float64Array(n);
    this.maxCfm = Float64Array.from(vavs, (v) => v.config.maxAirflowCfm);
    this.minFraction = Float64Array.from(vavs, (v) => v.config.minAirflowFraction);
    this.reheats = Uint8Array.from(vavs, (v) => (v.config.reheat ? 1 : 0));
    this.areaFt2 = Float64Array.from(topology.zones, (z) => z.areaFt2);
    this.coreUa = Float64Array.from(topology.zones, (z) => (z.facadeFt2 === 0 ? 0.3 * z.areaFt2 : 0));
    this.zonesOfAhu = ahus.map((_, a) => Int32Array.from(vavs.filter((v) => v.config.airHandler === a).map((v) => v.config.zone.index)));
    const controlKeys = Array.from(this.zones.key, (key) => key ^ 0x7e);
    this.controlNoise = new NoiseBank(seed, controlKeys, 0.75 * MS_PER_HOUR);
    this.trimNoise = new NoiseBank(seed, controlKeys, 0.75 * MS_PER_HOUR);
    this.staticNoise = ahus.map((e) => new NoiseTrack(seed, hashString(e.id) ^ 0x5a, 0.2 * MS_PER_HOUR));
    this.resetNoise = ahus.map((e) => new NoiseTrack(seed, hashString(e.id) ^ 0x7a, 0.5 * MS_PER_HOUR));
    this.cyclePhase = Float64Array.from(ahus, (e) => uniform(seed, hashString(e.id), 0x0c));
    this.capacityRatio = new Float64Array(n);
    this.recoveryTau = Float64Array.from(
      topology.zones,
      (z) => RECOVERY_TAU_H[0] + (RECOVERY_TAU_H[1] - RECOVERY_TAU_H[0]) * uniform(seed, this.zones.key[z.index]!, 0x7ec),
    );
    this.damperFixed = new Float64Array(n);
    this.damperSwing = new Float64Array(n);
    this.biasNow = new Float64Array(n);
    this.driftNow = new Float64Array(n);
    this.wobbleNow = new Float64Array(n);
    for (const v of vavs) this.capacityRatio[v.config.zone.index] = 0.9 + 1.3 * uniform(seed, hashString(v.id), 0xca);
    this.sensorDrift = topology.zones.map(() => null);
    for (const v of vavs) {
      const template = v.points.find((t) => t.key === 'zoneTemp');
      if (epochMs === undefined || !template?.drifts) continue;
      const cycle = driftCycle(seed, hashString(pointId(v.id, 'zoneTemp')), true, this.p.quality);
      this.sensorDrift[v.config.zone.index] = new DriftTrack(seed, cycle, this.p.quality, epochMs);
    }
    const of = (key: string) => rows.of(vavs, key);
    this.rows = {
      status: of('status'),
      enable: of('enable'),
      zoneTemp: of('zoneTemp'),
      zoneTempSp: of('zoneTempSp'),
      supplyTemp: of('supplyTemp'),
      airFlow: of('airFlow'),
      airFlowSp: of('airFlowSp'),
      damperPos: of('damperPos'),
      occupied: of('occupied'),
      reheatValve: of('reheatValve'),
    };
    const ahu = (key: string) => rows.of(ahus, key);
    this.ahuRows = {
      fanRunCmd: ahu('fanRunCmd'),
      fanStatus: ahu('fanStatus'),
      fanSpeed: ahu('fanSpeed'),
      fanPower: ahu('fanPower'),
      supplyTemp: ahu('supplyTemp'),
      supplyTempSp: ahu('supplyTempSp'),
      returnTemp: ahu('returnTemp'),
      mixedTemp: ahu('mixedTemp'),
      outsideTemp: ahu('outsideTemp'),
      staticPressure: ahu('staticPressure'),
      staticPressureSp: ahu('staticPressureSp'),
      airFlow: ahu('airFlow'),
      outsideDamper: ahu('outsideDamper'),
      chwValve: ahu('chwValve'),
    };
    this.vavGlobal = Int32Array.from(vavs, (e) => e.position);
    this.ahuGlobal = Int32Array.from(ahus, (e) => e.position);
  }

  /** Zone loads, then each AHU with its boxes; the floors' lighting and plug loads go to `state` for the meters. */
  step(frame: Frame, k: number, state: BuildingState): void {
    this.zones.fill(frame, k, state.schedule);
    this.zones.floorTotals(state);
    this.airHandlers(frame, k, state.schedule, state.coolingAvailable, state.air);
  }

  private airHandlers(frame: Frame, k: number, s: ScheduleState, plantAvailable: boolean, out: AirSideTotals): void {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    const p = this.p;
    const oat = frame.weather.dryBulbF[k]!;
    // discharge-air reset on outdoor temperature: 55 °F when hot, up to 62 °F when mild
    const satSp = 55 + 7 * Math.min(1, Math.max(0, (72 - oat) / 17));
    out.coilBtuh = 0;
    out.reheatBtuh = 0;
    out.fanKw = 0;
    out.people = 0;
    out.anyAhuRunning = false;
    for (let z = 0; z < this.topology.zones.length; z++) out.people += this.zones.people[z]!;
    this.sensorBiases(frame, k);
    for (let a = 0; a < this.ahus.length; a++) {
      const ahuDown = frame.faulted[this.ahuGlobal[a]! * T + k] === 1;
      this.startSwing = 0;
      // optimal start matters from up to its longest lead before occupancy, and all day after (the
      // mass recovers from the night and faults count from the AHU's start)
      const starting = s.occupiedMode || s.hoursToOccupiedStart <= this.p.zoneControl.maxStartLeadHours;
      const lead = starting ? this.startLead(a, s) : 0;
      // hours since this morning's start (optimal start runs `lead` hours ahead of occupancy)
      const sinceStart = s.occupiedMode ? s.hoursSinceOccupiedStart + lead : lead - s.hoursToOccupiedStart;
      if (sinceStart >= 0 && sinceStart < 4) {
        // the start picks the zones up where the night cycle's saw-tooth had them
        const t0 = t - sinceStart * MS_PER_HOUR;
        const d = Math.abs(this.nightDemand(a, s, t0, satSp));
        if (d > 0) {
          const phase = (t0 / NIGHT_CYCLE_MS + this.cyclePhase[a]!) % 1;
          this.startSwing = phase < d ? nightSwing(true, phase / d) : nightSwing(false, (phase - d) / (1 - d));
        }
      }
      let mode: Mode = Mode.Off;
      let duty = 0;
      let cycleOn = false;
      let cyclePos = 0;
      if (s.occupiedMode) mode = s.hoursSinceOccupiedStart < 4 && this.transient(a, s, sinceStart) ? Mode.Startup : Mode.Occupied;
      else if (sinceStart >= 0) mode = Mode.Startup;
      else {
        // unoccupied: a zone past a setback limit asks for a night cycle; the AHU runs the share of
        // each cycle the neediest zone's demand takes, and each box passes what its own zone needs
        duty = this.nightDemand(a, s, t, satSp);
        if (duty !== 0) {
          const d = Math.abs(duty);
          const phase = (t / NIGHT_CYCLE_MS + this.cyclePhase[a]!) % 1;
          cycleOn = phase < d;
          cyclePos = cycleOn ? phase / d : (phase - d) / (1 - d);
          mode = duty > 0 ? Mode.NightHeat : Mode.NightCool;
        }
      }
      // a zone whose setpoint is overridden asks for air at any hour (an after-hours request): the AHU runs for it
      const afterHours = frame.overrides.size > 0 && this.anyOverridden(frame, k, a);
      const running = !ahuDown && (mode === Mode.Occupied || mode === Mode.Startup || cycleOn || afterHours);
      const totals = this.zonesOf(frame, k, s, a, mode, running, sinceStart, Math.abs(duty), cycleOn, cyclePos, satSp, oat);
      this.ahu(frame, k, a, mode, running, plantAvailable, satSp, oat, totals, out);
    }
    out.occupancy = s.workday ? occupancyAt(p.occupancy.weekdayProfile, s.hour) : p.occupancy.weekendFraction;
  }

  /** Where zone z stood when its AHU started this morning: the night's float, held within the setback limits (on the reading). */
  private nightTemp(z: number, drift: number): number {
    const zc = this.p.zoneControl;
    const low = zc.unoccupiedHeatingSetpointF - drift;
    const high = zc.unoccupiedCoolingSetpointF - drift;
    const m = this.zones.morning[z]!;
    return m <= low ? low + this.startSwing : m >= high ? high - this.startSwing : m;
  }

  /** Optimal start: how long before occupancy AHU `a` starts, so its slowest zone reaches setpoint by then. */
  private startLead(a: number, s: ScheduleState): number {
    let lead = 0;
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      const drift = this.driftNow[z]!;
      const dev = this.nightTemp(z, drift) + drift - this.zones.sp[z]!;
      const h = s.coolingSeason
        ? PULL_DOWN_TAU_H * Math.log(Math.max(1, (dev + PULL_DOWN_UNDERSHOOT_F) / PULL_DOWN_UNDERSHOOT_F))
        : WARM_UP_TAU_H * Math.log(Math.max(1, (WARM_UP_OVERSHOOT_F - dev) / WARM_UP_OVERSHOOT_F));
      lead = Math.max(lead, h);
    }
    return Math.min(this.p.zoneControl.maxStartLeadHours, lead);
  }

  /** A zone of AHU `a` has not yet reached setpoint since the morning start. */
  private transient(a: number, s: ScheduleState, sinceStart: number): boolean {
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      if (!Number.isNaN(this.startupTemp(z, s, sinceStart, this.driftNow[z]!))) return true;
    }
    return false;
  }

  /**
   * The room during the morning start while it has not reached its setpoint
   * (NaN once it has): cooling season, pulled down at full airflow with reheat
   * locked out; heating season, warmed up with reheat wide open. (NaN rather than null: the
   * callers keep the result as a plain double instead of a number-or-null value.)
   */
  private startupTemp(z: number, s: ScheduleState, sinceStart: number, drift: number): number {
    const night = this.nightTemp(z, drift);
    // the loop ends the start when the reading, not the room, reaches setpoint
    const sp = this.zones.sp[z]! - drift;
    if (s.coolingSeason) {
      const temp = approach(night, sp - PULL_DOWN_UNDERSHOOT_F, sinceStart, PULL_DOWN_TAU_H);
      return night > sp && temp > sp ? temp : Number.NaN;
    }
    const temp = approach(night, sp + WARM_UP_OVERSHOOT_F, sinceStart, WARM_UP_TAU_H);
    return night < sp && temp < sp ? temp : Number.NaN;
  }

  /**
   * The room `hours` after this morning's start: the start's own path while it runs, where the loop holds it
   * (`settled`: setpoint, or warmer when its box is wide open and short) once it has got there; a room the
   * night left on the far side of setpoint (warm in winter, cool in summer) needs no start and comes there
   * under the loop from where the night left it. Continuous in `hours`, so a fault beginning just before or
   * just after the start picks the room up from the same place.
   */
  private roomSinceStart(z: number, s: ScheduleState, hours: number, drift: number, settled: number): number {
    const up = this.startupTemp(z, s, hours, drift);
    if (!Number.isNaN(up)) return up;
    const night = this.nightTemp(z, drift);
    const sp = this.zones.sp[z]! - drift;
    const started = s.coolingSeason ? night > sp : night < sp;
    return started ? settled : approach(night, settled, Math.max(0, hours), this.recoveryTau[z]!);
  }

  /**
   * Night-cycle demand of AHU `a`: per zone, the heat (or cooling) that holds
   * it at the setback limit it has floated past, BTU/h, in `heatNeed` /
   * `coolNeed`; returns the AHU's duty (share of a cycle it runs), positive for
   * heating, negative for cooling, 0 when no zone asks.
   */
  private nightDemand(a: number, s: ScheduleState, t: number, satSp: number): number {
    const zc = this.p.zoneControl;
    let heat = 0;
    let cool = 0;
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      const maxCfm = this.maxCfm[z]!;
      const drift = this.driftOf(z, t);
      const f = this.zones.drift[z]!;
      // the loop holds the reading, not the room, at the limit
      const heatLimit = zc.unoccupiedHeatingSetpointF - drift;
      const coolLimit = zc.unoccupiedCoolingSetpointF - drift;
      // what holding the zone at its limit takes: its envelope against where it would float
      const ua = this.zones.ua[z]! + this.coreUa[z]!;
      const hNeed = f < heatLimit && this.reheats[z] === 1 ? ua * Math.max(0, heatLimit - this.zones.free[z]!) : 0;
      const cNeed = f > coolLimit ? ua * Math.max(0, this.zones.free[z]! - coolLimit) : 0;
      this.heatNeed[z] = hNeed;
      this.coolNeed[z] = cNeed;
      const heatingCfm = HEATING_MAX_FRACTION * maxCfm;
      if (hNeed > 0) heat = Math.max(heat, hNeed / (AIR_FACTOR * heatingCfm * Math.max(10, MAX_DISCHARGE_F - heatLimit - 2)));
      if (cNeed > 0) cool = Math.max(cool, cNeed / (AIR_FACTOR * maxCfm * Math.max(5, coolLimit - satSp)));
    }
    if (s.coolingSeason ? cool > 0 : heat > 0) return s.coolingSeason ? -clampDuty(cool) : clampDuty(heat);
    if (heat > 0) return clampDuty(heat);
    return cool > 0 ? -clampDuty(cool) : 0;
  }

  /**
   * Where the loop left the room when occupied mode ended (the float starts there): at its controlled
   * temperature (the heating side of its deadband if it was reheating), or warmer if its box was wide open and
   * short. Loads of the current timestamp.
   */
  private endOfDayTemp(z: number, sp: number, offset: number, wobble: number, oat: number, satSp: number, massLoad = 0): number {
    const maxCfm = this.maxCfm[z]!;
    const controlled = sp + offset;
    const load = this.zones.gains[z]! + massLoad + this.zones.ua[z]! * (oat - controlled);
    const need = load / (AIR_FACTOR * Math.max(4, controlled - satSp));
    if (need > maxCfm) return Math.min(82, Math.max(controlled, satSp + load / (AIR_FACTOR * maxCfm)));
    // a box heating at minimum flow held the room on the heating side of its deadband, as the occupied loop does
    if (this.reheats[z] === 1 && need < maxCfm * this.minFraction[z]!) return sp - 0.4 + 0.3 * wobble;
    return controlled;
  }

  /** The zone sensor's error the loop cannot see: its drift, and a bias fault as far as the room has followed it. */
  private driftOf(z: number, t: number): number {
    if (t === this.now) return this.driftNow[z]!;
    const track = this.sensorDrift[z];
    return (track ? track.at(t) : 0) + this.biasNow[z]!;
  }

  /**
   * A biased zone sensor: the loop drives the reading to setpoint, so the room settles off by the bias with its
   * time constant; once the sensor is fixed, the room comes back the same way (the reading jumps, the room does not).
   * Also each zone's sensor error (`driftOf`), loop wobble and damper trim at this timestamp, read once for every use below.
   */
  private sensorBiases(frame: Frame, k: number): void {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    this.controlNoise.read(t);
    this.trimNoise.read(t + 0.37 * MS_PER_HOUR);
    for (let z = 0; z < this.vavs.length; z++) {
      const i = this.vavGlobal[z]! * T + k;
      this.biasNow[z] =
        frame.degraded[i] === FaultCode.SensorBias
          ? this.shaped(
              frame.degradedValue[i]!,
              t,
              frame.degradedStart[i]!,
              frame.degradedEnd[i]!,
              this.recoveryTau[z]!,
              this.recoveryTau[z]!,
            )
          : 0;
      const track = this.sensorDrift[z];
      this.driftNow[z] = (track ? track.at(t) : 0) + this.biasNow[z]!;
      this.wobbleNow[z] = 0.35 * this.controlNoise.value[z]!;
    }
    this.now = t;
  }

  /**
   * A deviation `dev` that a fault over [start, end) causes, as the room lives it at t: it grows in with
   * `onsetTauH`, and from the end it closes like any recovery (at most RECOVERY_RATE_F_PER_H, then with `tauH`).
   */
  private shaped(dev: number, t: number, start: number, end: number, onsetTauH: number, tauH: number): number {
    const grown = dev * (1 - Math.exp(-Math.max(0, Math.min(t, end) - start) / MS_PER_HOUR / onsetTauH));
    return t < end ? grown : recoveryDeviation(grown, (t - end) / MS_PER_HOUR, tauH, RECOVERY_RATE_F_PER_H);
  }

  /**
   * The room's steady deviation (°F) that a degradation of box z (a stuck damper, a leaking reheat valve) or a
   * broken belt on its AHU causes under the current loads with the loop in control, and what it leaves the box
   * (`degradedCfm`, `extraReheat`, `leakBtuh`). `load` is the room's sensible load (BTU/h) at `room`; `cfm`,
   * `reheat` what the loop asks for; `temp` where the room would be.
   */
  private degrade(
    frame: Frame,
    k: number,
    z: number,
    a: number,
    cfm: number,
    reheat: number,
    heatingCfm: number,
    temp: number,
    room: number,
    load: number,
    satSp: number,
  ): number {
    const T = frame.timestamps.length;
    const vi = this.vavGlobal[z]! * T + k;
    const ai = this.ahuGlobal[a]! * T + k;
    const maxCfm = this.maxCfm[z]!;
    const code = frame.degraded[vi]!;
    const stuck = code === FaultCode.StuckDamper;
    // what the box can pass: a slipping belt starves every box of its AHU
    const avail = frame.degraded[ai] === FaultCode.BrokenFanBelt ? maxCfm * frame.degradedValue[ai]! : maxCfm;
    const leak = code === FaultCode.LeakingReheatValve ? frame.degradedValue[vi]! * AIR_FACTOR * heatingCfm * REHEAT_RISE_F : 0;
    // the leak beyond the heat the loop asked for: the box opens further to carry it away
    const extra = Math.max(0, leak - reheat);
    const dt = Math.max(4, room - satSp);
    const need = (load + extra) / (AIR_FACTOR * dt);
    let flow = stuck ? maxCfm * frame.degradedValue[vi]! : Math.max(cfm, Math.min(maxCfm, need));
    flow = Math.min(flow, avail);
    this.degradedCfm = flow;
    this.leakBtuh = extra;
    this.extraReheat = 0;
    // the room settles where what the air takes balances the load, the envelope and the floor's mass pulling
    // it back (a starved room warms less than its load alone would say: it leans on its surroundings)
    const hold = this.zones.ua[z]! + MASS_COUPLING_BTUH_FT2_F * this.areaFt2[z]! + AIR_FACTOR * flow;
    let dev = (load + extra - AIR_FACTOR * flow * (temp - satSp)) / hold;
    if (need <= flow + 1 && !(stuck && flow > Math.max(cfm, need))) dev = 0;
    else if (dev < 0 && this.reheats[z] === 1) {
      // stuck open: more cold air than the room needs; a reheat box fights it (a cooling-only one overcools)
      this.extraReheat = Math.min(AIR_FACTOR * flow * REHEAT_RISE_F, -dev * hold);
      dev = 0;
    }
    return Math.max(-12, Math.min(88 - temp, dev));
  }

  /** Index into the fault-recovery columns of the zone's latest recovered fault (its AHU's at `ahuI` or its box's at `vavI`), or −1. */
  private recovery(frame: Frame, ahuI: number, vavI: number): number {
    const i = !(frame.recoveredFrom[vavI]! >= frame.recoveredFrom[ahuI]!) ? ahuI : vavI;
    return Number.isNaN(frame.recoveredFrom[i]!) ? -1 : i;
  }

  /** The VAV boxes and zones of AHU `a`; returns their airflow totals. */
  private zonesOf(
    frame: Frame,
    k: number,
    s: ScheduleState,
    a: number,
    mode: Mode,
    running: boolean,
    sinceStart: number,
    duty: number,
    cycleOn: boolean,
    cyclePos: number,
    satSp: number,
    oat: number,
  ): AhuTotals {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    const truth = frame.truth;
    const zc = this.p.zoneControl;
    const totals = this.totals;
    totals.flow = 0;
    totals.tempFlow = 0;
    totals.reheat = 0;
    totals.warming = false;
    const r = this.rows;
    const occupied = mode === Mode.Occupied || (mode === Mode.Startup && s.occupiedMode);
    // a light demand (short cycles) moves the zone little: the saw-tooth grows with the duty, so a zone
    // that starts or stops asking for a cycle does not jump
    const swing = nightSwing(cycleOn, cyclePos) * Math.min(1, duty / 0.5);
    // the same for every zone of the AHU: what is left of the day's end and of the night the mass gives back
    const endFade = Math.exp(-s.hoursSinceOccupiedEnd);
    const massFade = Math.exp(-Math.max(0, sinceStart) / MASS_RECOVERY_TAU_H);
    // the AHU's own columns, and the zones' loads, read once for all its zones
    const ai = this.ahuGlobal[a]! * T + k;
    const belt = frame.degraded[ai] === FaultCode.BrokenFanBelt;
    const beltActive = belt && t < frame.degradedEnd[ai]!;
    const ahuFaultStart = frame.faultStart[ai]!;
    const { gains: gainsOf, ua: uaOf, sp: spOf, bias: biasOf, free: freeOf } = this.zones;
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      const vi = this.vavGlobal[z]! * T + k;
      const maxCfm = this.maxCfm[z]!;
      const reheats = this.reheats[z] === 1;
      const minCfm = maxCfm * this.minFraction[z]! * (occupied ? 1 : 0.6);
      const heatingCfm = Math.max(minCfm, HEATING_MAX_FRACTION * maxCfm);
      const gains = gainsOf[z]!;
      const ua = uaOf[z]!;
      const drift = this.driftNow[z]!;
      const zoneSp = spOf[z]!;
      // the loop drives the reading (room + sensor drift) to setpoint: the room sits off by the drift
      const sp = zoneSp - drift;
      const wobble = this.wobbleNow[z]!;
      const offset = 0.25 * biasOf[z]! + wobble;
      const vavDown = frame.faulted[vi] === 1;
      const serves = running && !vavDown;
      // degradations of the box, or a broken belt on its AHU (set while they last and a few hours after)
      const code = frame.degraded[vi]!;
      const vavActive = code !== FaultCode.None && t < frame.degradedEnd[vi]!;
      // the fault whose room deviation the zone lives (the belt's over the box's)
      const devI = belt ? ai : code === FaultCode.StuckDamper || code === FaultCode.LeakingReheatValve ? vi : -1;
      const devActive = devI >= 0 && t < frame.degradedEnd[devI]!;
      // a stuck damper reads where it stuck, fan on or off; behind a broken belt the flow loops open wide
      this.damperFixed[z] =
        code === FaultCode.StuckDamper && vavActive ? 100 * frame.degradedValue[vi]! : beltActive && running ? 100 : Number.NaN;
      this.damperSwing[z] = 0;
      let leak = 0;
      let temp: number;
      let cfm = 0;
      let reheat = 0;
      // what reaches the box: the AHU's discharge setpoint, or return air plus fan heat when it runs on return air to heat
      let sat = satSp;
      const free = freeOf[z]!;
      const faultSince = vavDown ? frame.faultStart[vi]! : ahuFaultStart;
      const hoursDown = Number.isNaN(faultSince) ? 0 : (t - faultSince) / MS_PER_HOUR;
      if (mode === Mode.Off || mode === Mode.NightHeat || mode === Mode.NightCool) {
        // unoccupied: the zone floats on its mass; a night cycle holds it near the setback limit it
        // passed (a saw-tooth: pulled past the limit while the fan runs, drifting back while it rests),
        // and a fault lets it float on past the limit
        let f = this.zones.drift[z]!;
        if (s.hoursSinceOccupiedEnd < 4) f += (this.endOfDayTemp(z, sp, offset, wobble, oat, satSp) - zoneSp) * endFade;
        const heatLimit = zc.unoccupiedHeatingSetpointF - drift;
        const coolLimit = zc.unoccupiedCoolingSetpointF - drift;
        const needH = mode === Mode.NightHeat ? this.heatNeed[z]! : 0;
        const needC = mode === Mode.NightCool ? this.coolNeed[z]! : 0;
        const held = needH > 0 ? heatLimit + swing : needC > 0 ? coolLimit - swing : Math.min(Math.max(f, heatLimit), coolLimit);
        temp = (serves || hoursDown === 0 ? held : approach(held, f, hoursDown, MASS_TAU_H / 4)) + 0.3 * wobble;
        const downBeforeEnd = hoursDown - s.hoursSinceOccupiedEnd;
        if (!serves && downBeforeEnd > 0 && s.hoursSinceOccupiedEnd < 24) {
          // the fault began in occupied hours: the night carries on from where the room had got to by then
          const atEnd = approach(sp, free, downBeforeEnd, MASS_TAU_H / 4);
          temp = approach(atEnd, f, s.hoursSinceOccupiedEnd, MASS_TAU_H / 4) + 0.3 * wobble;
        }
        const rec = this.recovery(frame, ai, vi);
        // back from a fault: it comes back from where it floated, whether the next cycle runs yet or not
        if (rec >= 0 && hoursDown === 0) {
          const ended = frame.recoveredFrom[rec]!;
          const began = ended - frame.recoveredHours[rec]! * MS_PER_HOUR;
          const occupiedEnd = t - s.hoursSinceOccupiedEnd * MS_PER_HOUR;
          let drifted: number;
          if (began < occupiedEnd && s.hoursSinceOccupiedEnd < 24) {
            // it began in occupied hours: the room floated from setpoint, then on into the night (as while it lasted)
            const atEnd = approach(sp, free, (Math.min(ended, occupiedEnd) - began) / MS_PER_HOUR, MASS_TAU_H / 4);
            drifted = approach(atEnd, f, Math.max(0, ended - occupiedEnd) / MS_PER_HOUR, MASS_TAU_H / 4);
          } else drifted = approach(held, f, frame.recoveredHours[rec]!, MASS_TAU_H / 4);
          const since = (t - ended) / MS_PER_HOUR;
          temp += recoveryDeviation(Math.min(88, Math.max(50, drifted)) - temp, since, this.recoveryTau[z]!, RECOVERY_RATE_F_PER_H);
        }
        if (serves) {
          cfm = minCfm;
          if (needH > 0) {
            sat = temp + 2.5;
            cfm = heatingCfm;
            reheat = Math.min(AIR_FACTOR * cfm * (MAX_DISCHARGE_F - sat), needH / duty);
          } else if (needC > 0) {
            cfm = Math.min(maxCfm, Math.max(minCfm, needC / duty / (AIR_FACTOR * Math.max(5, temp - satSp))));
          } else if (mode === Mode.NightHeat) sat = temp + 2.5;
        }
        if (devI >= 0 && s.hoursSinceOccupiedEnd < 24) {
          // what the day's fault did to the room fades into the night from the occupied end
          const occupiedEnd = t - s.hoursSinceOccupiedEnd * MS_PER_HOUR;
          const occupiedStart = occupiedEnd - (zc.occupiedEnd - zc.occupiedStart) * MS_PER_HOUR;
          const room = sp + offset;
          const dev = this.degrade(frame, k, z, a, 0, 0, heatingCfm, room, room, gains + ua * (oat - room), satSp);
          const rec = this.recovery(frame, ai, vi);
          const from = Math.max(frame.degradedStart[devI]!, occupiedStart, rec >= 0 ? frame.recoveredFrom[rec]! : -Infinity);
          temp += this.shaped(dev, t, from, Math.min(frame.degradedEnd[devI]!, occupiedEnd), ONSET_TAU_H, this.recoveryTau[z]!);
        }
        if (serves && devActive) {
          this.degrade(frame, k, z, a, cfm, reheat, heatingCfm, temp, temp, gains + ua * (oat - temp), satSp);
          cfm = this.degradedCfm;
          reheat += this.extraReheat;
          leak = this.leakBtuh;
        }
      } else if (serves) {
        const startup = mode === Mode.Startup ? this.startupTemp(z, s, sinceStart, drift) : Number.NaN;
        // the mass gives back the night it spent away from setpoint, over a few hours
        const massLoad = MASS_COUPLING_BTUH_FT2_F * this.areaFt2[z]! * (this.nightTemp(z, drift) - sp) * massFade;
        if (!Number.isNaN(startup) && s.coolingSeason) {
          // pull-down: full airflow, reheat locked out, until the zone reaches setpoint
          temp = startup + 0.3 * wobble;
          cfm = maxCfm;
        } else if (!Number.isNaN(startup)) {
          // warm-up on return air: boxes at heating maximum, reheat wide open
          temp = startup + 0.3 * wobble;
          totals.warming = true;
          sat = temp + 2.5;
          cfm = heatingCfm;
          reheat = AIR_FACTOR * cfm * REHEAT_RISE_F;
        } else {
          const room = sp + offset;
          const load = gains + massLoad + ua * (oat - room);
          const need = load / (AIR_FACTOR * Math.max(4, room - satSp));
          cfm = vavAirflow(load, room, satSp, minCfm, maxCfm);
          // wide open and still short, the zone warms until the air it gets balances its load
          temp = need > maxCfm ? Math.min(82, satSp + load / (AIR_FACTOR * maxCfm)) : room;
          if (need < cfm && reheats) {
            // in heating the loop holds the reading a little under setpoint (the heating side of its deadband)
            temp = sp - 0.4 + 0.3 * wobble;
            // discharge warm enough to offset the heat loss; past 20 °F over the room the box opens toward its heating maximum
            if (temp - load / (AIR_FACTOR * cfm) > temp + 20) cfm = Math.min(heatingCfm, -load / (AIR_FACTOR * 20));
            reheat = Math.min(AIR_FACTOR * heatingCfm * REHEAT_RISE_F, Math.max(0, AIR_FACTOR * cfm * (temp - satSp) - load));
          }
        }
        // back from a fault: the zone pulls down from where it drifted, over about an hour
        const i = this.recovery(frame, ai, vi);
        if (i >= 0) {
          // a fault over the night floated the zone from where the night cycle held it, not from setpoint
          // where the room had floated to when it ended, as the fault branches had it: a fault over the night from
          // where the night cycle held it; one across this morning's start from the night's float; one after it from
          // where the start (or the loop, at setpoint) had it
          const ended = frame.recoveredFrom[i]!;
          const began = ended - frame.recoveredHours[i]! * MS_PER_HOUR;
          const startedAt = t - sinceStart * MS_PER_HOUR;
          const drifted =
            ended < startedAt
              ? approach(this.nightTemp(z, drift), this.zones.morning[z]!, frame.recoveredHours[i]!, MASS_TAU_H / 4)
              : began < startedAt
                ? approach(this.nightTemp(z, drift), free, (ended - startedAt) / MS_PER_HOUR, MASS_TAU_H / 4)
                : approach(
                    this.roomSinceStart(
                      z,
                      s,
                      (began - startedAt) / MS_PER_HOUR,
                      drift,
                      this.endOfDayTemp(z, sp, offset, wobble, oat, satSp),
                    ),
                    free,
                    frame.recoveredHours[i]!,
                    MASS_TAU_H / 4,
                  );
          const since = (t - frame.recoveredFrom[i]!) / MS_PER_HOUR;
          temp += recoveryDeviation(Math.min(88, Math.max(50, drifted)) - temp, since, this.recoveryTau[z]!, RECOVERY_RATE_F_PER_H);
        }
        if (devI >= 0) {
          // a stuck damper, a leaking valve, a broken belt: the box gets what it can, the room settles off
          const room = sp + offset;
          const load = gains + massLoad + ua * (oat - room);
          const dev = this.degrade(frame, k, z, a, cfm, reheat, heatingCfm, temp, room, load, satSp);
          if (devActive) {
            cfm = this.degradedCfm;
            reheat += this.extraReheat;
            leak = this.leakBtuh;
          }
          // the room lives it from this morning's start (the night before floated on its own), or from the
          // end of an outage of the box or its AHU (while it lasted, the room floated without air)
          const back = i >= 0 ? frame.recoveredFrom[i]! : -Infinity;
          const from = Math.max(frame.degradedStart[devI]!, t - Math.max(0, sinceStart) * MS_PER_HOUR, back);
          temp += this.shaped(dev, t, from, frame.degradedEnd[devI]!, ONSET_TAU_H, this.recoveryTau[z]!);
        }
      } else {
        // occupied with no air (a fault): the zone floats toward the air-off balance from setpoint, or
        // from where the night left it when the fault began before this morning's start
        const before = hoursDown > sinceStart && sinceStart >= 0;
        // a fault in the morning start takes the room from where the pull-down or warm-up had it
        // (where the loop held it: setpoint, or warmer if its box was wide open and short)
        const massLoad = MASS_COUPLING_BTUH_FT2_F * this.areaFt2[z]! * (this.nightTemp(z, drift) - sp) * massFade;
        const settled = this.endOfDayTemp(z, sp, offset, wobble, oat, satSp, massLoad);
        const from = before ? this.nightTemp(z, drift) : this.roomSinceStart(z, s, Math.max(0, sinceStart - hoursDown), drift, settled);
        temp = approach(from, free, before ? sinceStart : hoursDown, MASS_TAU_H / 4) + 0.5 * wobble;
      }
      let commanded = Number.NaN;
      const track = frame.overrides.size > 0 ? frame.overrides.get(r.zoneTempSp[z]!) : undefined;
      if (track !== undefined && !Number.isNaN(track.value[k]!)) {
        // the point reads what is commanded; the room follows only while the box gets air: an outage of the box
        // or its AHU ends the pull where it began, as a relinquish would
        if (t < track.end[k]!) commanded = track.value[k]!;
        const end = serves || hoursDown === 0 ? track.end[k]! : Math.min(track.end[k]!, t - hoursDown * MS_PER_HOUR);
        this.boxNow.cfm = cfm;
        this.boxNow.reheat = reheat;
        this.boxNow.sat = sat;
        const target = track.value[k]! - drift + offset;
        // back from an outage of the box or its AHU, the pull starts again from where the room got to, not from the write
        const back = this.recovery(frame, ai, vi);
        const start = back >= 0 ? Math.max(track.start[k]!, frame.recoveredFrom[back]!) : track.start[k]!;
        temp = this.followSetpoint(z, t, start, end, serves, temp, target, gains + ua * (oat - temp), ua, satSp, minCfm, heatingCfm);
        ({ cfm, reheat, sat } = this.boxNow);
      }
      if (code === FaultCode.HuntingLoop && vavActive && serves) {
        // a hunting loop: the damper swings, the flow with it, the room a quarter period behind
        const phase = (2 * Math.PI * (t - frame.degradedStart[vi]!)) / (frame.degradedValue[vi]! * 60_000);
        const swing = Math.sin(phase);
        this.damperSwing[z] = HUNT_DAMPER * swing;
        cfm = Math.min(maxCfm, cfm * (1 + HUNT_FLOW * swing));
        reheat *= 1 + 0.5 * swing;
        temp += HUNT_TEMP_F * Math.sin(phase - Math.PI / 2);
      }
      // a room without air still loses heat to its neighbours and façade: it does not pass the high 80s
      temp = Math.min(88, Math.max(50, temp));
      this.cfm[z] = cfm;
      totals.flow += cfm;
      totals.tempFlow += temp * cfm;
      // a leaking valve heats the air with its command at 0: the boiler pays for it
      totals.reheat += reheat + leak;
      const discharge = cfm > 0 ? sat + (reheat + leak) / (AIR_FACTOR * cfm) : temp;
      const effectiveSp =
        occupied || mode === Mode.Startup ? zoneSp : s.coolingSeason ? zc.unoccupiedCoolingSetpointF : zc.unoccupiedHeatingSetpointF;
      writeRow(truth, r.zoneTemp[z]!, T, k, temp);
      writeRow(truth, r.zoneTempSp[z]!, T, k, Number.isNaN(commanded) ? effectiveSp : commanded);
      writeRow(truth, r.airFlow[z]!, T, k, cfm);
      writeRow(truth, r.airFlowSp[z]!, T, k, serves ? cfm : 0);
      writeRow(truth, r.supplyTemp[z]!, T, k, discharge);
      writeRow(truth, r.reheatValve[z]!, T, k, Math.min(100, (100 * reheat) / (AIR_FACTOR * heatingCfm * REHEAT_RISE_F)));
      writeRow(truth, r.status[z]!, T, k, serves ? 1 : 0);
      writeRow(truth, r.enable[z]!, T, k, running ? 1 : 0);
      writeRow(truth, r.occupied[z]!, T, k, this.zones.presence.sensorOn[z]!);
    }
    return totals;
  }

  /**
   * A zone under an overridden setpoint (written at `start`, in force until `end`): the loop drives the reading
   * to it, the room (at `temp` without it) follows with its time constant toward `target`; while in force its box
   * (in `boxNow`) takes the room's load (`load` at `temp`) and what moving its mass along that path takes (C·dT/dt).
   * Relinquished, the room goes back with the same time constant (a pull below 0.01 °F is gone: no tail for ever).
   */
  private followSetpoint(
    z: number,
    t: number,
    start: number,
    end: number,
    serves: boolean,
    temp: number,
    target: number,
    load: number,
    ua: number,
    satSp: number,
    minCfm: number,
    heatingCfm: number,
  ): number {
    const tau = this.recoveryTau[z]!;
    const grown = 1 - Math.exp(-Math.max(0, Math.min(t, end) - start) / MS_PER_HOUR / tau);
    if (!(t < end && serves)) {
      const w = t < end ? grown : grown * Math.exp(-(t - end) / MS_PER_HOUR / tau);
      return Math.abs(w * (target - temp)) >= 0.01 ? temp + w * (target - temp) : temp;
    }
    const maxCfm = this.maxCfm[z]!;
    const box = this.boxNow;
    const room = temp + grown * (target - temp);
    const q = load - ua * (room - temp) + (ua + MASS_COUPLING_BTUH_FT2_F * this.areaFt2[z]!) * (room - target);
    box.sat = satSp;
    box.cfm = vavAirflow(q, room, satSp, minCfm, maxCfm);
    box.reheat = 0;
    if (this.reheats[z] === 1 && q < AIR_FACTOR * minCfm * (room - satSp)) {
      // heating: past what the minimum flow carries at a 40 °F rise, the box opens toward its heating maximum
      box.cfm = Math.min(heatingCfm, Math.max(box.cfm, -q / (AIR_FACTOR * Math.max(1, REHEAT_RISE_F - (room - satSp)))));
      box.reheat = Math.min(AIR_FACTOR * box.cfm * REHEAT_RISE_F, Math.max(0, AIR_FACTOR * box.cfm * (room - satSp) - q));
    }
    // wide open and still short, the room warms until the air it gets balances its load
    return q > AIR_FACTOR * maxCfm * Math.max(4, room - satSp) ? Math.max(room, satSp + q / (AIR_FACTOR * maxCfm)) : room;
  }

  /** A zone of AHU `a` has its setpoint overridden at timestamp k. */
  private anyOverridden(frame: Frame, k: number, a: number): boolean {
    const t = frame.timestamps[k]!;
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      const track = frame.overrides.get(this.rows.zoneTempSp[z]!);
      if (track !== undefined && t < track.end[k]!) return true;
    }
    return false;
  }

  /**
   * Duct static and the box dampers: the reset settles where the most-open
   * damper sits near 85–90 % (trim & respond hunts a little around it), and
   * each box opens as far as its flow needs at that static.
   */
  private dampers(frame: Frame, k: number, a: number, running: boolean): number {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    let neediest = 0;
    const zones = this.zonesOfAhu[a]!;
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      neediest = Math.max(neediest, this.cfm[z]! / (this.maxCfm[z]! * this.capacityRatio[z]!));
    }
    const target = 0.87 + 0.05 * this.resetNoise[a]!.at(t);
    const staticSp = running ? staticPressureReset(neediest, target, MIN_STATIC_IN, MAX_STATIC_IN) : 0;
    const duct = staticSp * (1 + 0.03 * this.staticNoise[a]!.at(t));
    for (let j = 0; j < zones.length; j++) {
      const z = zones[j]!;
      // the flow loop trims the damper around its steady position as the inlet pressure wanders
      const open = running ? damperOpening(this.cfm[z]!, this.maxCfm[z]!, this.capacityRatio[z]!, Math.max(0.1, duct), MIN_STATIC_IN) : 0;
      const trim = 1 + 0.015 * this.trimNoise.value[z]!;
      const fixed = this.damperFixed[z]!;
      const pos = Number.isNaN(fixed) ? Math.min(100, Math.max(0, 100 * open * trim + (running ? this.damperSwing[z]! : 0))) : fixed;
      writeRow(frame.truth, this.rows.damperPos[z]!, T, k, pos);
    }
    return staticSp;
  }

  private ahu(
    frame: Frame,
    k: number,
    a: number,
    mode: Mode,
    running: boolean,
    plantAvailable: boolean,
    satSp: number,
    oat: number,
    zones: AhuTotals,
    out: AirSideTotals,
  ): void {
    const T = frame.timestamps.length;
    const truth = frame.truth;
    const cfg = this.ahus[a]!.config;
    const r = this.ahuRows;
    const cfm = running ? zones.flow * 1.03 : 0;
    const flowFrac = cfm / cfg.designAirflowCfm;
    const ai = this.ahuGlobal[a]! * T + k;
    const t = frame.timestamps[k]!;
    const degradation = t < frame.degradedEnd[ai]! ? frame.degraded[ai]! : FaultCode.None;
    // a slipping belt: the drive runs flat out (static never made) while the unloaded motor draws a fraction of its kW
    const belt = degradation === FaultCode.BrokenFanBelt ? frame.degradedValue[ai]! : 1;
    const fanKw = running
      ? belt < 1
        ? belt * affinityPowerKw(cfg.fanPowerKw, flowFrac / belt)
        : affinityPowerKw(cfg.fanPowerKw, flowFrac)
      : 0;
    const rat = running && zones.flow > 0 ? zones.tempFlow / zones.flow + 1.5 : this.p.zoneControl.occupiedSetpointF + 1;
    const heating = mode === Mode.NightHeat || zones.warming;
    // outside air: the minimum for ventilation only while occupied and not warming up; the
    // economizer opens further whenever outdoor air can do the cooling
    // (the minimum is a ventilation flow, a share of design airflow, so it is a larger share of a small supply)
    let oaFrac = running && mode === Mode.Occupied ? Math.min(1, (cfg.minOutsideAirFraction * cfg.designAirflowCfm) / Math.max(1, cfm)) : 0;
    if (running && !heating && oat < rat - 2 && oat > 25) oaFrac = Math.min(1, Math.max(oaFrac, (rat - satSp) / Math.max(1, rat - oat)));
    const mat = running ? oaFrac * oat + (1 - oaFrac) * rat : rat;
    // fan heat adds about a degree; the coil only cools what the economizer left above setpoint, and
    // the hot-water preheat coil warms cold ventilation air up to it
    const preheat = running && !heating ? AIR_FACTOR * cfm * Math.max(0, satSp - (mat + 1)) : 0;
    let sat = running ? (heating ? mat + 1 : preheat > 0 ? satSp : plantAvailable && mat + 1 > satSp ? satSp : mat + 1) : rat;
    const wOut = humidityRatio(frame.weather.dewPointF[k]!);
    let coil =
      running && plantAvailable ? AIR_FACTOR * cfm * Math.max(0, mat + 1 - sat) + 4840 * cfm * oaFrac * Math.max(0, wOut - 0.0087) : 0;
    // what the valve passes wide open: a fouled coil transfers less, so the valve opens wider for the same load
    const coilMax = AIR_FACTOR * cfg.designAirflowCfm * 22 * (degradation === FaultCode.FouledCoil ? 1 - frame.degradedValue[ai]! : 1);
    if (coil > coilMax) {
      // at peak it cannot bring the discharge down to setpoint: what it could not take stays in the air
      sat += (coil - coilMax) / (AIR_FACTOR * Math.max(1, cfm));
      coil = coilMax;
    }
    const staticSp = this.dampers(frame, k, a, running);
    // behind a broken belt the duct barely pressurizes (static goes with the square of the flow)
    const staticPv = running ? belt * belt * staticSp * (1 + 0.03 * this.staticNoise[a]!.at(frame.timestamps[k]!)) : 0;
    writeRow(truth, r.fanRunCmd[a]!, T, k, running ? 1 : 0);
    // the fan status is a current switch on the motor: it still sees it running
    writeRow(truth, r.fanStatus[a]!, T, k, running ? 1 : 0);
    writeRow(truth, r.fanSpeed[a]!, T, k, running ? (belt < 1 ? 100 : Math.min(100, Math.max(25, 100 * flowFrac))) : 0);
    writeRow(truth, r.fanPower[a]!, T, k, fanKw);
    writeRow(truth, r.supplyTemp[a]!, T, k, sat);
    writeRow(truth, r.supplyTempSp[a]!, T, k, satSp);
    writeRow(truth, r.returnTemp[a]!, T, k, rat);
    writeRow(truth, r.mixedTemp[a]!, T, k, mat);
    writeRow(truth, r.outsideTemp[a]!, T, k, oat);
    writeRow(truth, r.staticPressure[a]!, T, k, staticPv);
    writeRow(truth, r.staticPressureSp[a]!, T, k, staticSp);
    writeRow(truth, r.airFlow[a]!, T, k, cfm);
    writeRow(truth, r.outsideDamper[a]!, T, k, 100 * oaFrac);
    writeRow(truth, r.chwValve[a]!, T, k, Math.min(100, (100 * coil) / coilMax));
    out.coilBtuh += coil;
    out.reheatBtuh += zones.reheat + preheat;
    out.fanKw += fanKw;
    out.anyAhuRunning ||= running;
  }
}

/**
 * A night cycle's saw-tooth, °F past the setback limit toward comfort: the fan
 * pulls the zone from 0.5 °F outside the limit to 1 °F inside, then it drifts back.
 */
function nightSwing(on: boolean, pos: number): number {
  return on ? -0.5 + 1.5 * pos : 1 - 1.5 * pos;
}

/** A night cycle runs at least 10 % of its period (minimum run time) and at most all of it. */
function clampDuty(d: number): number {
  return Math.min(1, Math.max(0.1, d));
}
