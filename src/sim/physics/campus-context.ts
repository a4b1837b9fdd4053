import { type CampusEquip, type CampusPlan, campusPlan } from '../../model/campus-plan.js';
import type { Topology } from '../../model/topology.js';
import { holidayCalendar } from '../../time/holidays.js';
import { wetBulbF } from '../relations/psychrometrics.js';
import { GridOutages, ShiftPattern } from './campus-grid.js';
import { criticalLoadShare, upsHoldMin } from './ups-supply.js';
import { FaultCode } from '../fault-catalog.js';
import type { Frame } from './frame.js';

const MINUTE = 60_000;
/** a DG set starts, reaches speed and its ATS transfers in about 10–15 s */
export const TRANSFER_MIN = 0.25;
export const fToC = (f: number) => ((f - 32) * 5) / 9;

/** What every campus equipment reads at one instant: the grid, the shift, the weather. */
export interface CampusDrivers {
  t: number;
  gridUp: boolean;
  /** minutes into the current outage (NaN while the grid is up) */
  outageMin: number;
  /** minutes since the grid came back after the last outage (Infinity if none in the last day) */
  restoredMin: number;
  /** how long the last outage lasted, minutes (NaN during an outage or if none in the last day) */
  lastOutageMin: number;
  /** the weekly off-load DG test is running */
  dgTest: boolean;
  /** production level 0..1 */
  production: number;
  ambientC: number;
  wetBulbC: number;
  /** local hour, fractional */
  hour: number;
}

/**
 * The campus's shared state for the physics of all its types: the wiring plan, where each equipment sits
 * in the topology, the utility's outages and the shift pattern. One per topology and seed; the per-instant
 * drivers are computed once per timestamp, whichever type asks first.
 */
export class CampusContext {
  readonly plan: CampusPlan;
  readonly grid: GridOutages;
  readonly shifts: ShiftPattern;
  /** topology position of each campus equipment id */
  readonly position: ReadonlyMap<string, number>;
  /** topology position of the equipment each one (by position) is fed from, −1 for the utility (feederOf, looked up once) */
  readonly feederAt: Int32Array;
  /** this instant's load fraction of each plant equipment (a chiller's: pumps and towers follow it), by position */
  readonly duty: Float64Array;
  /** this instant's heat a chiller rejects to its tower, kW, by position */
  readonly rejectKw: Float64Array;
  /** minutes from an outage's start until each DG set carries its buses (a failed start waits for a hand start), by position */
  readonly dgDelayMin: Float64Array;
  /** a replay's context (campus-history.ts): its stages write the steady inputs of the thermal lags and ask no history */
  replay = false;
  /** whether each UPS's output is live this instant (a worn or exhausted string drops it until mains returns), by position */
  readonly upsLive: Uint8Array;
  /** minutes since a UPS's output came back after it dropped in the last outage (Infinity if it held), by position */
  readonly upsBackMin: Float64Array;
  /** the share of its rated kW each UPS's critical load takes, by position */
  readonly upsLoadShare: Float64Array;
  private readonly dgPositions: readonly number[];
  private readonly upss: readonly { e: CampusEquip; position: number }[];
  private readonly d: CampusDrivers = {
    t: Number.NaN,
    gridUp: true,
    outageMin: Number.NaN,
    restoredMin: Number.POSITIVE_INFINITY,
    lastOutageMin: Number.NaN,
    dgTest: false,
    production: 0,
    ambientC: 0,
    wetBulbC: 0,
    hour: 0,
  };

  constructor(
    readonly topology: Topology,
    readonly seed: number,
  ) {
    const spec = topology.site.campus!;
    this.plan = campusPlan(spec);
    this.grid = new GridOutages(spec.grid, seed);
    this.shifts = new ShiftPattern(spec.shifts, seed, holidayCalendar(topology.site.occupancy.holidays));
    this.position = new Map(topology.equips.map((e) => [e.id, e.position]));
    this.feederAt = Int32Array.from(topology.equips, (n) => {
      const e = this.plan.byId.get(n.id);
      return e ? this.feederOf(e) : -1;
    });
    this.duty = new Float64Array(topology.equips.length);
    this.rejectKw = new Float64Array(topology.equips.length);
    this.dgDelayMin = new Float64Array(topology.equips.length).fill(TRANSFER_MIN);
    this.dgPositions = this.plan.of('dg').map((g) => this.position.get(g.id)!);
    this.upss = this.plan.of('ups').map((e) => ({ e, position: this.position.get(e.id)! }));
    this.upsLive = new Uint8Array(topology.equips.length).fill(1);
    this.upsBackMin = new Float64Array(topology.equips.length).fill(Number.POSITIVE_INFINITY);
    this.upsLoadShare = new Float64Array(topology.equips.length);
    for (const { e, position } of this.upss) {
      const plcKw = this.plan.of('plc').reduce((kw, p) => (p.ups === e.id ? kw + p.rating : kw), 0);
      this.upsLoadShare[position] = criticalLoadShare(e, plcKw);
    }
  }

  /** Topology position of the equipment an equipment is fed from (−1 for the utility). */
  feederOf(e: CampusEquip): number {
    return e.fedBy ? (this.position.get(e.fedBy) ?? -1) : -1;
  }

  drivers(frame: Frame, k: number): CampusDrivers {
    const t = frame.timestamps[k]!;
    const d = this.d;
    if (d.t === t) return d;
    d.t = t;
    const outage = this.grid.at(t);
    d.gridUp = outage === undefined;
    d.outageMin = outage ? (t - outage.start) / MINUTE : Number.NaN;
    const last = outage ? undefined : this.grid.lastBefore(t);
    d.restoredMin = last ? (t - last.end) / MINUTE : Number.POSITIVE_INFINITY;
    d.lastOutageMin = last ? (last.end - last.start) / MINUTE : Number.NaN;
    const { local, weather } = frame;
    d.hour = local.hour[k]!;
    const test = this.topology.site.campus!.grid.dgTest;
    d.dgTest = local.dayOfWeek[k] === test.dayOfWeek && d.hour >= test.hour && d.hour < test.hour + test.minutes / 60;
    d.production = this.shifts.level(d.hour, local.dayIndex[k]!, t);
    for (const g of this.dgPositions) {
      const manual = degradation(frame, g, k, FaultCode.DgFailToStart);
      this.dgDelayMin[g] = Number.isNaN(manual) ? TRANSFER_MIN : manual;
    }
    d.ambientC = fToC(weather.dryBulbF[k]!);
    d.wetBulbC = fToC(wetBulbF(weather.dryBulbF[k]!, weather.relHumidity[k]!));
    this.upsOutputs(frame, k, outage ?? last);
    return d;
  }

  /**
   * Each UPS's output through the outage under way or the last one: on battery from the outage's start until
   * mains returns (its DG set takes the bus, or the grid comes back), the string holds the load for its runtime,
   * none at all if it is too worn to take it; past that the inverter is off until mains returns.
   */
  private upsOutputs(frame: Frame, k: number, o: { start: number; end: number } | undefined): void {
    const t = frame.timestamps[k]!;
    for (const { e, position } of this.upss) {
      this.upsLive[position] = 1;
      this.upsBackMin[position] = Number.POSITIVE_INFINITY;
      if (!o) continue;
      const gapMin = Math.min(e.essential ? this.dgDelay(e) : Number.POSITIVE_INFINITY, (o.end - o.start) / MINUTE);
      const holdMin = upsHoldMin(this.upsLoadShare[position]!, upsHealthAt(frame, position, k, o.start));
      if (holdMin >= gapMin) continue;
      const back = o.start + gapMin * MINUTE;
      if (t < back) this.upsLive[position] = t < o.start + holdMin * MINUTE ? 1 : 0;
      else this.upsBackMin[position] = (t - back) / MINUTE;
    }
  }

  /** Whether an equipment has supply: its UPS's output, else the grid or its DG set through the ATS once transferred. */
  supplied(e: CampusEquip, d: CampusDrivers): boolean {
    if (e.ups !== undefined) return this.upsLive[this.position.get(e.ups)!] === 1;
    return d.gridUp || (e.essential && d.outageMin >= this.dgDelay(e));
  }

  /**
   * Whether a DG set that takes its buses `delayMin` into an outage carries them now: from then until the grid
   * has been back for the ATSs' retransfer delay (an outage shorter than the delay never reached the set).
   */
  dgCarries(delayMin: number, d: CampusDrivers): boolean {
    if (!d.gridUp) return d.outageMin >= delayMin;
    return d.restoredMin < this.topology.site.campus!.grid.retransferMinutes && d.lastOutageMin >= delayMin;
  }

  /** Whether an equipment's bus is on its DG set now (through its ATS). */
  onDg(e: CampusEquip, d: CampusDrivers): boolean {
    return e.essential && e.backupDg !== undefined && this.dgCarries(this.dgDelay(e), d);
  }

  /** Topology position of the DG set feeding an equipment's bus now, −1 if the utility does (or nothing). */
  dgFeeding(e: CampusEquip, d: CampusDrivers): number {
    return this.onDg(e, d) ? this.position.get(e.backupDg!)! : -1;
  }

  /** Minutes into an outage before the DG set behind an equipment's bus takes it. */
  dgDelay(e: CampusEquip): number {
    return e.backupDg ? this.dgDelayMin[this.position.get(e.backupDg)!]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Share of its normal duty an equipment runs at after supply returns: motors restart in a sequence
   * (staggered by a few minutes each so the bus is not hit at once), chillers after their anti-recycle
   * timer. 1 when no outage touched it in the last hours.
   */
  restartShare(e: CampusEquip, d: CampusDrivers, delayMin: number): number {
    if (!this.supplied(e, d)) return 0;
    const since =
      e.ups !== undefined ? this.upsBackMin[this.position.get(e.ups)!]! : d.gridUp ? d.restoredMin : d.outageMin - this.dgDelay(e);
    // an essential load that rode through on the DG set does not restart when the grid returns
    if (d.gridUp && e.essential && Number.isFinite(d.restoredMin)) return 1;
    return since >= delayMin ? 1 : 0;
  }
}

/** The parameter of degradation `code` on the equipment at `position` while it lasts at step k; NaN otherwise. */
export function degradation(frame: Frame, position: number, k: number, code: FaultCode): number {
  const i = position * frame.timestamps.length + k;
  return frame.degraded[i] === code && frame.timestamps[k]! < frame.degradedEnd[i]! ? frame.degradedValue[i]! : Number.NaN;
}

/**
 * Capacity left in the battery of the UPS at `position` at instant `at` (up to the frame's step k), 0..1: a worn
 * string loses it through its degradation's window, linearly to the drawn share, and is new again once replaced.
 */
export function upsHealthAt(frame: Frame, position: number, k: number, at: number): number {
  const worn = degradation(frame, position, k, FaultCode.UpsBatteryDegradation);
  if (Number.isNaN(worn)) return 1;
  const i = position * frame.timestamps.length + k;
  const span = frame.degradedEnd[i]! - frame.degradedStart[i]!;
  return 1 - (1 - worn) * Math.min(1, Math.max(0, span > 0 ? (at - frame.degradedStart[i]!) / span : 0));
}

/** How far into its window the degradation on the equipment at `position` is at step k, 0..1. */
export function degradationProgress(frame: Frame, position: number, k: number): number {
  const i = position * frame.timestamps.length + k;
  const span = frame.degradedEnd[i]! - frame.degradedStart[i]!;
  return span > 0 ? Math.min(1, Math.max(0, (frame.timestamps[k]! - frame.degradedStart[i]!) / span)) : 0;
}

const contexts = new WeakMap<Topology, Map<number, CampusContext>>();

/** The one campus context of a topology and seed. */
export function campusContext(topology: Topology, seed: number): CampusContext {
  let bySeed = contexts.get(topology);
  if (!bySeed) contexts.set(topology, (bySeed = new Map()));
  let ctx = bySeed.get(seed);
  if (!ctx) bySeed.set(seed, (ctx = new CampusContext(topology, seed)));
  return ctx;
}
