import type { CampusEquip } from '../../model/campus-plan.js';
import { smoothNoise } from '../../random/rng.js';
import type { CampusContext } from '../../sim/physics/campus-context.js';
import { CampusInstant, type InstantDrivers } from '../../sim/physics/campus-instant.js';
import { AhuCoilDuties } from './ahu-loads.js';
import { loopShare } from './chiller-loading.js';
import { CHW_LPM_PER_TR, CHW_SETPOINT_C, KW_PER_TR, towerSupplyC } from './chiller-operation.js';
import { ChillerPlantPlan } from './chiller-plant-plan.js';
import { ChillerStaging, STAGE_MS } from './chiller-staging.js';
import { ChwPullDown, STANDSTILL_TAU_MIN } from './chw-pull-down.js';
import { SampledLag } from './sampled-lag.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** the chillers' anti-recycle delay after the grid comes back, minutes */
export const RESTART_MIN = 8;
/**
 * the condenser-water loop's time constant, minutes: the water in its pipes and the tower basin (≈ 12–15 min of flow
 * for a basin sized at 3–5 min and a loop at 5–10) mixes the heat the chillers reject before it comes back to them
 */
const CW_LOOP_TAU_MIN = 12;
/** the condenser loops' load is sampled this often: the lag varies over many of them, minutes */
const CW_SAMPLE_MIN = 3;
/** the chilled-water pumps' heat and the pipes' gains, share of the plant's capacity */
const LOOP_GAIN = 0.02;

/** the plant room sits between the outdoors and the machines' own warmth, °C */
export const plantRoomC = (ambientC: number) => 0.5 * ambientC + 16;

/** The outage a restart follows: the grid's last outage and when the chillers restart after it. */
export interface PlantRestart {
  readonly start: number;
  readonly end: number;
  /** the end plus the anti-recycle delay */
  readonly restart: number;
}

/**
 * The campus chiller plant as a pure function of time, shared by the stages that read it (the chillers, the towers,
 * the air handlers): its load (the handlers' coil duties, the process's cooling and the loop's own gains), its
 * staging plan, the chilled-water loop pulled down after an outage and the header water it delivers, and the
 * condenser water each tower returns (its header's load through the loop's lag: the towers' leaving water is the
 * chillers' entering water). One per campus context.
 */
export class ChillerPlant {
  readonly chillers: readonly CampusEquip[];
  readonly ratings: readonly number[];
  readonly capacity: number;
  readonly instant: CampusInstant;
  readonly staging: ChillerStaging;
  readonly plan: ChillerPlantPlan;
  readonly pullDown: ChwPullDown;
  /** each tower header's load as its condenser-water loop remembers it, share of its chillers' ratings */
  readonly cwLag: SampledLag;
  /** the tower header each chiller is on (chiller j on tower j mod towers) */
  readonly towerOf: Int32Array;
  /** chilled-water ΔT at a chiller's full load, K (the same for every chiller: flow per TR) */
  readonly designDtK = (KW_PER_TR * 60) / (4.186 * CHW_LPM_PER_TR);
  private readonly duties: AhuCoilDuties;
  private readonly on: Uint8Array;
  private readonly limits: Float64Array;
  private readonly order: Int32Array;
  private readonly shares: Float64Array;
  private supplyT = Number.NaN;
  private supplyC = 0;

  constructor(
    private readonly campus: CampusContext,
    private readonly seed: number,
  ) {
    this.chillers = campus.plan.of('chiller');
    const n = this.chillers.length;
    this.ratings = this.chillers.map((e) => e.rating);
    this.capacity = this.ratings.reduce((s, r) => s + r, 0);
    this.instant = new CampusInstant(campus.topology, seed, campus.shifts);
    this.duties = new AhuCoilDuties(campus.plan.of('ahu'), seed);
    this.on = new Uint8Array(n);
    this.limits = new Float64Array(n);
    this.order = new Int32Array(n);
    this.shares = new Float64Array(n);
    // staged per half hour on the larger of the load at its start and at the next one's (the plant's stage-up and
    // stage-down delays and the anti-recycle timer: no chiller runs or rests less than that, outages and trips aside)
    this.staging = new ChillerStaging(this.ratings, (period) =>
      Math.max(this.loadAt(period, this.instant.at(period)), this.loadAt(period + STAGE_MS, this.instant.at(period + STAGE_MS))),
    );
    this.plan = new ChillerPlantPlan(this.staging, this.ratings, (t) => this.loadAt(t, this.instant.at(t)));
    // the loop holds about 0.5 TR·min per K per TR of plant (≈ 30 L of water, pipe and coil per TR)
    this.pullDown = new ChwPullDown(this.ratings, 0.5 * this.capacity, this.designDtK, (m, p) => {
      this.plan.fill(m, p.on, p.limits);
      p.loadTr = this.loadAt(m, this.instant.at(m));
    });
    const towers = Math.max(1, campus.plan.of('ct').length);
    this.towerOf = Int32Array.from(this.ratings, (_, j) => j % towers);
    const headerTr = new Float64Array(towers);
    for (let j = 0; j < n; j++) headerTr[this.towerOf[j]!]! += this.ratings[j]!;
    // the condenser loops remember the plan's loads, none while the grid is out or the chillers wait to restart
    this.cwLag = new SampledLag(towers, CW_LOOP_TAU_MIN, CW_SAMPLE_MIN, (m, out) => {
      out.fill(0);
      if (this.restartAround(m)) return;
      this.plan.shares(m, this.shares);
      for (let j = 0; j < n; j++) out[this.towerOf[j]!]! += (this.shares[j]! * this.ratings[j]!) / headerTr[this.towerOf[j]!]!;
    });
  }

  /** The process's cooling (moulding, compressed-air aftercoolers, process water), TR: it follows production. */
  processTr(t: number, d: InstantDrivers): number {
    return this.capacity * (0.02 + 0.08 * d.production) * (1 + 0.1 * smoothNoise(this.seed, 0xc4, t, 2 * HOUR));
  }

  /**
   * The loads' call on the plant at t, TR: the handlers' coil duties (leaving out those `skip` says are stopped),
   * the process's cooling, the pumps' heat and the pipes' gains.
   */
  loadAt(t: number, d: InstantDrivers, skip?: (ahu: number) => boolean): number {
    return this.duties.totalKw(t, d, skip) / KW_PER_TR + this.processTr(t, d) + LOOP_GAIN * this.capacity;
  }

  /** The outage under way at t or the last one, while the plant is out or waiting to restart after it. */
  restartAround(t: number): PlantRestart | undefined {
    const o = this.campus.grid.at(t) ?? this.campus.grid.lastBefore(t);
    const restart = o ? o.end + RESTART_MIN * MINUTE : Number.NaN;
    return o && t < restart ? { start: o.start, end: o.end, restart } : undefined;
  }

  /** The last outage the plant restarted from by t, if the loop may still be pulling down after it. */
  restartedFrom(t: number): PlantRestart | undefined {
    const o = this.campus.grid.lastBefore(t);
    const restart = o ? o.end + RESTART_MIN * MINUTE : Number.NaN;
    return o && restart <= t ? { start: o.start, end: o.end, restart } : undefined;
  }

  /**
   * The loop's water standing through outage `o` at instant `at` (pumps off), share over the design ΔT: the return
   * it had the minute before the outage, drifting toward the plant room.
   */
  standingShare(o: { readonly start: number }, at: number): number {
    const before = o.start - MINUTE;
    this.plan.fill(before, this.on, this.limits);
    const x = loopShare(this.loadAt(before, this.instant.at(before)), this.ratings, this.limits, this.on, this.order);
    const roomC = plantRoomC(this.instant.at(at).ambientC);
    const drift = Math.exp(-(at - o.start) / MINUTE / STANDSTILL_TAU_MIN);
    return (roomC + (CHW_SETPOINT_C + x * this.designDtK - roomC) * drift - CHW_SETPOINT_C) / this.designDtK;
  }

  /** The loop's call on the chillers at t after restart `r`, if it is still pulling down (NaN once settled). */
  pulledShare(r: PlantRestart, t: number): number {
    return this.pullDown.shareAt(r.restart, t, () => this.standingShare(r, r.restart));
  }

  /**
   * The chilled water the plant's header delivers at t by its plan, °C: the setpoint while the chillers carry the
   * loads; warmer when the loop's call is over a machine's load limit (soft-loading after a restart, a loop pulled
   * down, the plant short of capacity), mixed by flow; NaN while the pumps stand (an outage, the anti-recycle wait).
   */
  chwSupplyAt(t: number): number {
    if (t === this.supplyT) return this.supplyC;
    this.supplyT = t;
    if (this.restartAround(t)) return (this.supplyC = Number.NaN);
    const r = this.restartedFrom(t);
    const pulled = r ? this.pulledShare(r, t) : Number.NaN;
    this.plan.fill(t, this.on, this.limits);
    let call = loopShare(this.loadAt(t, this.instant.at(t)), this.ratings, this.limits, this.on, this.order);
    if (pulled > call) call = pulled;
    let flow = 0;
    let warm = 0;
    for (let i = 0; i < this.ratings.length; i++) {
      if (!this.on[i]) continue;
      flow += this.ratings[i]!;
      warm += this.ratings[i]! * Math.max(0, call - this.limits[i]!);
    }
    return (this.supplyC = CHW_SETPOINT_C + (flow > 0 ? (warm / flow) * this.designDtK : 0));
  }

  /** The condenser water tower `tower` returns to its header at t with the wet bulb, °C. */
  cwSupplyC(tower: number, t: number, wetBulbC: number): number {
    return towerSupplyC(wetBulbC, this.cwLag.at(tower, t));
  }
}

const plants = new WeakMap<object, Map<number, ChillerPlant>>();

/**
 * The one chiller plant of a site and seed, shared by the engine's campus context and its replays' (a pure
 * function of time: what one computed, a replay or a probe of the thermal history reads again instead of redoing).
 */
export function chillerPlant(campus: CampusContext, seed: number): ChillerPlant {
  let bySeed = plants.get(campus.topology.site);
  if (!bySeed) plants.set(campus.topology.site, (bySeed = new Map()));
  let p = bySeed.get(seed);
  if (!p) bySeed.set(seed, (p = new ChillerPlant(campus, seed)));
  return p;
}
