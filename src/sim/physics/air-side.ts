import type { EquipNode, SiteSpec, Topology, ZoneNode } from '../../model/topology.js';
import type { PointRows } from '../point-rows.js';
import { NoiseTrack } from '../../random/rng.js';
import { occupancyAt } from '../relations/occupancy-curve.js';
import { humidityRatio } from '../relations/psychrometrics.js';
import { affinityPowerKw } from '../relations/fan-affinity.js';
import { AIR_FACTOR, approach, vavAirflow } from '../relations/zone-thermal.js';
import { writeRow, type AirSideTotals, type BuildingState, type Frame } from './frame.js';
import { ZoneLoads } from './zone-loads.js';
import type { AirHandlerParams, TerminalUnitParams } from './air-side-params.js';
import type { ScheduleState } from './schedule.js';

const HOUR_MS = 3_600_000;

interface ZoneTotals {
  flow: number;
  tempFlow: number;
  maxFrac: number;
  reheat: number;
}

/**
 * Zones, VAV boxes and air handlers for one timestamp: occupancy and weather
 * set each zone's load; the box's airflow follows load within its min/max;
 * the AHU's airflow is the sum of its boxes, its fan follows the affinity
 * law, its coil takes what the economizer cannot.
 */
export class AirSide {
  private readonly p: SiteSpec;
  private readonly zones: ZoneLoads;
  /** per-zone scratch for the current timestamp */
  private readonly cfm: Float64Array;
  private readonly zonesOfAhu: ZoneNode[][];
  /** reused per AHU and timestamp: the hot path allocates nothing per step */
  private readonly totals: ZoneTotals = { flow: 0, tempFlow: 0, maxFrac: 0, reheat: 0 };
  private readonly controlNoise: NoiseTrack[];
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
  ) {
    this.p = topology.site;
    this.zones = new ZoneLoads(topology, seed);
    this.cfm = new Float64Array(topology.zones.length);
    this.zonesOfAhu = ahus.map((_, a) => vavs.filter((v) => v.config.airHandler === a).map((v) => v.config.zone));
    this.controlNoise = topology.zones.map((z) => new NoiseTrack(seed, this.zones.key[z.index]! ^ 0x7e, 0.75 * HOUR_MS));
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
    const _t = frame.timestamps[k]!;
    const p = this.p;
    const oat = frame.weather.dryBulbF[k]!;
    const zc = p.zoneControl;
    const sp = s.occupiedMode ? zc.occupiedSetpointF : s.coolingSeason ? zc.unoccupiedCoolingSetpointF : zc.unoccupiedHeatingSetpointF;
    // discharge-air reset on outdoor temperature: 55 °F when hot, up to 62 °F when mild
    const satSp = 55 + 7 * Math.min(1, Math.max(0, (72 - oat) / 17));
    out.coilBtuh = 0;
    out.reheatBtuh = 0;
    out.fanKw = 0;
    out.people = 0;
    out.anyAhuRunning = false;
    for (let z = 0; z < this.topology.zones.length; z++) out.people += this.zones.people[z]!;
    for (let a = 0; a < this.ahus.length; a++) {
      const ahuDown = frame.faulted[this.ahuGlobal[a]! * T + k] === 1;
      // unoccupied, the AHU night-cycles only when a zone drifts past a setback limit
      const running = !ahuDown && (s.occupiedMode || this.needsNightCycle(a));
      const totals = this.zonesOf(frame, k, s, a, running, sp, satSp, oat);
      this.ahu(frame, k, a, running, plantAvailable, satSp, oat, totals, out);
    }
    out.occupancy = s.workday ? occupancyAt(p.occupancy.weekdayProfile, s.hour) : p.occupancy.weekendFraction;
  }

  /** Index into the fault-recovery columns of the zone's latest recovered fault (its AHU's or its box's), or −1. */
  private recovery(frame: Frame, k: number, a: number, z: number): number {
    const T = frame.timestamps.length;
    const ahuI = this.ahuGlobal[a]! * T + k;
    const vavI = this.vavGlobal[z]! * T + k;
    const i = !(frame.recoveredFrom[vavI]! >= frame.recoveredFrom[ahuI]!) ? ahuI : vavI;
    return Number.isNaN(frame.recoveredFrom[i]!) ? -1 : i;
  }

  private needsNightCycle(a: number): boolean {
    const zc = this.p.zoneControl;
    for (const zone of this.zonesOfAhu[a]!) {
      const drift = this.zones.drift[zone.index]!;
      if (drift > zc.unoccupiedCoolingSetpointF || drift < zc.unoccupiedHeatingSetpointF) return true;
    }
    return false;
  }

  /** The VAV boxes and zones of AHU `a`; returns their airflow totals. */
  private zonesOf(
    frame: Frame,
    k: number,
    s: ScheduleState,
    a: number,
    running: boolean,
    sp: number,
    satSp: number,
    oat: number,
  ): ZoneTotals {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    const truth = frame.truth;
    const p = this.p;
    const zc = p.zoneControl;
    const totals = this.totals;
    totals.flow = 0;
    totals.tempFlow = 0;
    totals.maxFrac = 0;
    totals.reheat = 0;
    const r = this.rows;
    for (const zone of this.zonesOfAhu[a]!) {
      const z = zone.index;
      const vav = this.vavs[z]!.config;
      const minCfm = vav.maxAirflowCfm * vav.minAirflowFraction * (s.occupiedMode ? 1 : 0.6);
      const gains = this.zones.gains[z]!;
      const ua = this.zones.ua[z]!;
      const bias = this.zones.bias[z]!;
      const wobble = 0.35 * this.controlNoise[z]!.at(t);
      const vavDown = frame.faulted[this.vavGlobal[z]! * T + k] === 1;
      const serves = running && !vavDown;
      let temp: number;
      let cfm = 0;
      let reheat = 0;
      let dat = satSp;
      const free = this.zones.free[z]!;
      const faultSince = vavDown ? frame.faultStart[this.vavGlobal[z]! * T + k]! : frame.faultStart[this.ahuGlobal[a]! * T + k]!;
      const hoursDown = Number.isNaN(faultSince) ? 0 : (t - faultSince) / HOUR_MS;
      if (!s.occupiedMode) {
        // unoccupied: the zone drifts from setpoint toward its free-floating temperature; the
        // night cycle holds it at a setback limit, and a fault lets it drift on past the limit
        const drift = this.zones.drift[z]!;
        const held = Math.min(Math.max(drift, zc.unoccupiedHeatingSetpointF), zc.unoccupiedCoolingSetpointF);
        temp = (serves || hoursDown === 0 ? held : approach(held, drift, hoursDown, 2)) + 0.3 * wobble;
        const rec = this.recovery(frame, k, a, z);
        if (serves && rec >= 0)
          temp = approach(approach(held, drift, frame.recoveredHours[rec]!, 2), temp, (t - frame.recoveredFrom[rec]!) / HOUR_MS, 0.5);
        if (serves) {
          cfm = minCfm;
          if (vav.reheat && drift < zc.unoccupiedHeatingSetpointF) {
            reheat = Math.max(0, ua * (zc.unoccupiedHeatingSetpointF - oat) - gains);
            dat = satSp + reheat / (AIR_FACTOR * cfm);
          }
        }
      } else if (serves) {
        const load = gains + ua * (oat - sp);
        const need = load / (AIR_FACTOR * Math.max(4, sp - satSp));
        cfm = vavAirflow(load, sp, satSp, minCfm, vav.maxAirflowCfm);
        // wide open and still short, the zone warms until the air it gets balances its load
        temp =
          need > vav.maxAirflowCfm ? Math.min(82, satSp + load / (AIR_FACTOR * vav.maxAirflowCfm)) + bias + wobble : sp + bias + wobble;
        if (need < cfm && vav.reheat) {
          dat = sp - load / (AIR_FACTOR * cfm);
          reheat = Math.max(0, AIR_FACTOR * cfm * (dat - satSp));
        }
        if (s.hoursSinceOccupiedStart < 2) {
          // morning pull-down from where the night left the zone
          const night = approach(zc.occupiedSetpointF + bias, free, s.hoursOffBeforeStart, 4);
          const held = Math.min(Math.max(night, zc.unoccupiedHeatingSetpointF), zc.unoccupiedCoolingSetpointF);
          temp = approach(held, temp, s.hoursSinceOccupiedStart, 0.4);
        }
        // back from a fault: the zone pulls down from where it drifted, over about an hour
        const i = this.recovery(frame, k, a, z);
        if (i >= 0) {
          const drifted = approach(zc.occupiedSetpointF + bias, free, frame.recoveredHours[i]!, 4);
          temp = approach(drifted, temp, (t - frame.recoveredFrom[i]!) / HOUR_MS, 0.5);
        }
      } else {
        // occupied with no air (a fault): the zone drifts from setpoint toward free floating
        temp = approach(zc.occupiedSetpointF + bias, free, hoursDown, 4) + 0.5 * wobble;
      }
      temp = Math.min(90, Math.max(55, temp));
      this.cfm[z] = cfm;
      totals.flow += cfm;
      totals.tempFlow += temp * cfm;
      totals.maxFrac = Math.max(totals.maxFrac, cfm / vav.maxAirflowCfm);
      totals.reheat += reheat;
      const discharge = cfm > 0 ? Math.max(dat, satSp) : temp;
      writeRow(truth, r.zoneTemp[z]!, T, k, temp);
      writeRow(truth, r.zoneTempSp[z]!, T, k, sp);
      writeRow(truth, r.airFlow[z]!, T, k, cfm);
      writeRow(truth, r.airFlowSp[z]!, T, k, serves ? cfm : 0);
      writeRow(truth, r.supplyTemp[z]!, T, k, discharge);
      writeRow(truth, r.reheatValve[z]!, T, k, reheat > 0 ? Math.min(100, (100 * (discharge - satSp)) / 40) : 0);
      writeRow(truth, r.status[z]!, T, k, serves ? 1 : 0);
      writeRow(truth, r.enable[z]!, T, k, running ? 1 : 0);
      writeRow(truth, r.occupied[z]!, T, k, this.zones.presence.sensorOn[z]!);
    }
    // dampers: the static-pressure reset keeps the most-open box near 95 %
    for (const zone of this.zonesOfAhu[a]!) {
      const frac = this.cfm[zone.index]! / this.vavs[zone.index]!.config.maxAirflowCfm;
      writeRow(truth, r.damperPos[zone.index]!, T, k, frac > 0 ? Math.min(100, (95 * frac) / totals.maxFrac) : 0);
    }
    return totals;
  }

  private ahu(
    frame: Frame,
    k: number,
    a: number,
    running: boolean,
    plantAvailable: boolean,
    satSp: number,
    oat: number,
    zones: ZoneTotals,
    out: AirSideTotals,
  ): void {
    const T = frame.timestamps.length;
    const truth = frame.truth;
    const cfg = this.ahus[a]!.config;
    const r = this.ahuRows;
    const cfm = running ? zones.flow * 1.03 : 0;
    const flowFrac = cfm / cfg.designAirflowCfm;
    const fanKw = running ? affinityPowerKw(cfg.fanPowerKw, flowFrac) : 0;
    const rat = running && zones.flow > 0 ? zones.tempFlow / zones.flow + 1.5 : this.p.zoneControl.occupiedSetpointF + 1;
    // economizer: outdoor air replaces coil cooling whenever it is cooler than return air
    let oaFrac = running ? cfg.minOutsideAirFraction : 0;
    if (running && oat < rat - 2 && oat > 25) oaFrac = Math.min(1, Math.max(oaFrac, (rat - satSp) / Math.max(1, rat - oat)));
    const mat = running ? oaFrac * oat + (1 - oaFrac) * rat : rat;
    // fan heat adds about a degree; the coil only cools what the economizer left above setpoint
    const sat = running ? (plantAvailable && mat + 1 > satSp ? satSp : mat + 1) : rat;
    const wOut = humidityRatio(frame.weather.dewPointF[k]!);
    const coil =
      running && plantAvailable ? AIR_FACTOR * cfm * Math.max(0, mat + 1 - sat) + 4840 * cfm * oaFrac * Math.max(0, wOut - 0.0087) : 0;
    const staticSp = running ? 0.5 + Math.min(1, zones.maxFrac * zones.maxFrac) : 0;
    writeRow(truth, r.fanRunCmd[a]!, T, k, running ? 1 : 0);
    writeRow(truth, r.fanStatus[a]!, T, k, running ? 1 : 0);
    writeRow(truth, r.fanSpeed[a]!, T, k, running ? Math.min(100, Math.max(25, 100 * flowFrac)) : 0);
    writeRow(truth, r.fanPower[a]!, T, k, fanKw);
    writeRow(truth, r.supplyTemp[a]!, T, k, sat);
    writeRow(truth, r.supplyTempSp[a]!, T, k, satSp);
    writeRow(truth, r.returnTemp[a]!, T, k, rat);
    writeRow(truth, r.mixedTemp[a]!, T, k, mat);
    writeRow(truth, r.outsideTemp[a]!, T, k, oat);
    writeRow(truth, r.staticPressure[a]!, T, k, running ? staticSp : 0);
    writeRow(truth, r.staticPressureSp[a]!, T, k, staticSp);
    writeRow(truth, r.airFlow[a]!, T, k, cfm);
    writeRow(truth, r.outsideDamper[a]!, T, k, 100 * oaFrac);
    writeRow(truth, r.chwValve[a]!, T, k, Math.min(100, (100 * coil) / (AIR_FACTOR * cfg.designAirflowCfm * 22)));
    out.coilBtuh += coil;
    out.reheatBtuh += zones.reheat;
    out.fanKw += fanKw;
    out.anyAhuRunning ||= running;
  }
}
