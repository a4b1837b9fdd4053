import type { SiteSpec, Topology } from '../../model/topology.js';
import { weekdayOfDays } from '../../time/holidays.js';
import { NoiseBank, hashString, uniform } from '../../random/rng.js';
import { occupancyAt } from '../relations/occupancy-curve.js';
import type { ScheduleState } from './schedule.js';
import { MS_PER_HOUR, MS_PER_MINUTE } from '../../time/clock.js';

const PRESENCE_BLOCK_MS = 30 * MS_PER_MINUTE;
/** cleaners work one floor an hour each, a crew this size covers the building in a few evening hours */
const CLEANERS = 4;
const CLEANING_START_H = 18.75;
/** guards walk every floor top to bottom at these local hours (and by day on days the building is closed) */
const ROUNDS_H = [21.5, 0.5, 3.5];
const CLOSED_DAY_ROUNDS_H = [9.5, 13.5, 17.5];
const ROUND_MIN_PER_FLOOR = 4;
/** share of a zone's luminaires a guard's walk lights (the corridor and its sensors) */
const ROUND_LIT_SHARE = 0.2;
/** empty offices and meeting rooms stay dark even at the busiest hour */
const TENANT_LIT_MAX = 0.9;
/** a tenant's luminaires without sensors, or set to stay on: lit all night */
const ALWAYS_ON_SHARE = 0.03;

/** What differs between the tenants of each floor, for as long as the lease runs. */
interface Tenant {
  /** people and plug load against the profile's figures */
  readonly density: number;
  readonly plugFactor: number;
  /** hours this tenant's day runs late (+) or early (−) against the building profile */
  readonly shiftH: number;
  /** server closet / IT load, kW, always on */
  readonly itKw: number;
  readonly rank: number;
}

/** Per-day plans, recomputed when the day changes (pure functions of the day index). */
interface DayPlan {
  day: number;
  /** cleaning of each zone: start and end, local hours (NaN: not cleaned today) */
  readonly cleanFrom: Float64Array;
  readonly cleanTo: Float64Array;
  /** a weekend or holiday worker block per zone, local hours (NaN: none) */
  readonly workFrom: Float64Array;
  readonly workTo: Float64Array;
  readonly workPeople: Float64Array;
  /** start of each guard round, local hours */
  rounds: number[];
}

/**
 * Who is in each zone at an instant and what the zone's occupancy sensor
 * reports: tenants on their floor's own schedule on working days, a few
 * people working blocks on weekends and holidays, the cleaning crew moving
 * floor by floor in the evening, and security rounds at night. Sensors hold
 * "occupied" for the lighting off-delay after the last movement they saw.
 * Every value is a pure function of (seed, zone, time).
 */
export class ZonePresence {
  private readonly p: SiteSpec;
  private readonly tenants: Tenant[];
  private readonly key: Uint32Array;
  /** some zones run busier than others on the same floor */
  private readonly factor: Float64Array;
  /** how busy each zone is against its floor's tenant, a track per zone */
  private readonly noise: NoiseBank;
  private readonly holdH: number;
  private readonly plan: DayPlan;
  /** outputs for the current timestamp, per zone */
  readonly people: Float64Array;
  readonly sensorOn: Uint8Array;
  /** share of the zone's luminaires lit, 0..1 */
  readonly litShare: Float64Array;
  /** the lit share of the tenant's own day, without the short after-hours blocks (guards, cleaners, weekend workers) */
  readonly steadyLitShare: Float64Array;
  /** tenant occupancy fraction 0..1 (plug loads follow it) */
  readonly tenantOcc: Float64Array;
  /** per floor (index floor − 1) at the current instant: the tenant's occupancy before zone factors, a guard in view */
  private readonly floorOcc: Float64Array;
  private readonly floorGuard: Uint8Array;
  /** per zone, the presence block whose draw `blockDraw` holds and the draw of the block before it (at 1 minute a block spans 30 steps) */
  private readonly drawnBlock: Float64Array;
  private readonly blockDraw: Float64Array;
  private readonly previousDraw: Float64Array;

  constructor(
    private readonly topology: Topology,
    private readonly seed: number,
  ) {
    this.p = topology.site;
    const floors = this.p.floors.count;
    const order = Array.from({ length: floors }, (_, f) => f).sort((a, b) => uniform(seed, 0xc1ea, a) - uniform(seed, 0xc1ea, b) || a - b);
    this.tenants = Array.from({ length: floors }, (_, f) => {
      const key = hashString(`tenant:floor-${f + 1}`);
      return {
        density: 0.7 + 0.65 * uniform(seed, key, 1),
        plugFactor: 0.6 + 0.9 * uniform(seed, key, 2),
        shiftH: Math.round(4 * (uniform(seed, key, 3) * 2.5 - 1)) / 4,
        itKw: 0.5 + 4.5 * uniform(seed, key, 4) ** 2,
        rank: order.indexOf(f),
      };
    });
    const n = topology.zones.length;
    this.key = Uint32Array.from(topology.zones, (z) => hashString(z.id));
    this.factor = Float64Array.from(topology.zones, (z) => 0.85 + 0.3 * uniform(seed, this.key[z.index]!, 1));
    this.noise = new NoiseBank(
      seed,
      Array.from(this.key, (key) => key ^ 0x51),
      2 * MS_PER_HOUR,
    );
    this.holdH = this.p.loads.lightingOffDelayMin / 60;
    this.people = new Float64Array(n);
    this.sensorOn = new Uint8Array(n);
    this.litShare = new Float64Array(n);
    this.steadyLitShare = new Float64Array(n);
    this.tenantOcc = new Float64Array(n);
    this.floorOcc = new Float64Array(floors);
    this.floorGuard = new Uint8Array(floors);
    this.drawnBlock = new Float64Array(n).fill(Number.NaN);
    this.blockDraw = new Float64Array(n);
    this.previousDraw = new Float64Array(n);
    const nan = () => new Float64Array(n).fill(Number.NaN);
    this.plan = {
      day: Number.NaN,
      cleanFrom: nan(),
      cleanTo: nan(),
      workFrom: nan(),
      workTo: nan(),
      workPeople: new Float64Array(n),
      rounds: [],
    };
  }

  tenantOf(floor: number): Tenant {
    return this.tenants[floor - 1]!;
  }

  /** Fills the per-zone outputs for instant t (local day `day`, schedule `s`). */
  fill(t: number, day: number, s: ScheduleState): void {
    if (this.plan.day !== day) this.planDay(day, s.workday);
    const occ = this.p.occupancy;
    const plan = this.plan;
    const h = s.hour;
    // what is the same for every zone of a floor, once per floor
    let occupied = false;
    for (let f = 0; f < this.tenants.length; f++) {
      const tenant = this.tenants[f]!;
      this.floorOcc[f] = s.workday ? occupancyAt(occ.weekdayProfile, h - tenant.shiftH) * tenant.density : 0;
      this.floorGuard[f] = this.guardNear(f + 1, h) ? 1 : 0;
      if (this.floorOcc[f]! > 0) occupied = true;
    }
    // the zones' noise matters only where a tenant is in
    if (occupied) this.noise.read(t);
    for (const zone of this.topology.zones) {
      const z = zone.index;
      const floorOcc = this.floorOcc[zone.floor - 1]!;
      let tenantOcc = 0;
      if (floorOcc > 0) {
        tenantOcc = Math.min(1, Math.max(0, floorOcc * this.factor[z]! * (1 + occ.zoneVariation * this.noise.value[z]!)));
      }
      let people = (tenantOcc * zone.areaFt2) / occ.areaPerPerson;
      let seen = people > 0 && this.movedRecently(z, t, people);
      let lit = 0;
      const working = h >= plan.workFrom[z]! && h < plan.workTo[z]!;
      if (working) people += plan.workPeople[z]!;
      if (working || (h >= plan.workTo[z]! && h < plan.workTo[z]! + this.holdH)) {
        seen = true;
        lit = 0.6;
      }
      if (h >= plan.cleanFrom[z]! && h < plan.cleanTo[z]! + this.holdH) {
        if (h < plan.cleanTo[z]!) people += 1;
        seen = true;
        lit = 1;
      }
      if (this.floorGuard[zone.floor - 1] === 1) {
        seen = true;
        lit = Math.max(lit, ROUND_LIT_SHARE);
      }
      this.tenantOcc[z] = tenantOcc;
      this.people[z] = people;
      this.sensorOn[z] = seen ? 1 : 0;
      // tenants' lights follow their many sensors; after hours only the sensors that saw someone
      const tenantLit = tenantOcc > 0 ? TENANT_LIT_MAX * (1 - Math.exp(-tenantOcc * (4 + this.p.loads.lightingOffDelayMin / 7.5))) : 0;
      this.litShare[z] = ALWAYS_ON_SHARE + (1 - ALWAYS_ON_SHARE) * Math.max(tenantLit, lit);
      this.steadyLitShare[z] = ALWAYS_ON_SHARE + (1 - ALWAYS_ON_SHARE) * tenantLit;
    }
  }

  /** Whether a guard passed the floor within the sensors' hold time. */
  private guardNear(floor: number, h: number): boolean {
    const floors = this.p.floors.count;
    for (const start of this.plan.rounds) {
      const at = start + ((floors - floor) * ROUND_MIN_PER_FLOOR) / 60;
      // hours since the guard's pass, across midnight (h and at both lie within a day or so of 0..24)
      let since = h - at;
      if (since < 0) since += 24;
      else if (since >= 24) since -= 24;
      if (since < ROUND_MIN_PER_FLOOR / 60 + this.holdH) return true;
    }
    return false;
  }

  /**
   * Whether someone is in view: presence comes in half-hour blocks (a person
   * at a desk or in a meeting), each block occupied with the chance that at
   * least one of the expected people is there (Poisson), and the sensor holds
   * for its delay after a block empties.
   */
  private movedRecently(z: number, t: number, people: number): boolean {
    const pPresent = 1 - Math.exp(-people);
    const block = Math.floor(t / PRESENCE_BLOCK_MS);
    if (this.drawnBlock[z] !== block) this.draw(z, block);
    if (this.blockDraw[z]! < pPresent) return true;
    return t - block * PRESENCE_BLOCK_MS < this.holdH * MS_PER_HOUR && this.previousDraw[z]! < pPresent;
  }

  /** Zone z's presence draws of `block` and the block before it (the one before is usually the last one drawn). */
  private draw(z: number, block: number): void {
    const key = this.key[z]! ^ 0x0cc;
    this.previousDraw[z] = this.drawnBlock[z] === block - 1 ? this.blockDraw[z]! : uniform(this.seed, key, block - 1);
    this.blockDraw[z] = uniform(this.seed, key, block);
    this.drawnBlock[z] = block;
  }

  private planDay(day: number, workday: boolean): void {
    const plan = this.plan;
    const seed = this.seed;
    plan.day = day;
    plan.cleanFrom.fill(Number.NaN);
    plan.cleanTo.fill(Number.NaN);
    plan.workFrom.fill(Number.NaN);
    plan.workTo.fill(Number.NaN);
    plan.workPeople.fill(0);
    const dow = weekdayOfDays(day);
    // cleaners come on working days; each takes a floor an hour, in the crew's fixed order
    const zonesPerFloor = new Map<number, number>();
    for (const zone of this.topology.zones) {
      const z = zone.index;
      const key = this.key[z]!;
      const nth = zonesPerFloor.get(zone.floor) ?? 0;
      zonesPerFloor.set(zone.floor, nth + 1);
      if (workday) {
        const tenant = this.tenants[zone.floor - 1]!;
        const floorStart =
          CLEANING_START_H + Math.floor(tenant.rank / CLEANERS) + (uniform(seed, hashString(`clean:${zone.floor}`), day) - 0.5) / 3;
        const from = floorStart + nth * 0.25 + (uniform(seed, key ^ 0xc1, day) - 0.5) / 12;
        plan.cleanFrom[z] = from;
        plan.cleanTo[z] = from + (15 + 20 * uniform(seed, key ^ 0xc2, day)) / 60;
      } else {
        // closed days: a few people come in for a few hours, more on Saturdays than on Sundays and holidays
        const chance = Math.min(1, (dow === 6 ? 4 : 1) * this.p.occupancy.weekendFraction);
        if (uniform(seed, key ^ 0xe1, day) < chance) {
          const from = 9 + 4 * uniform(seed, key ^ 0xe2, day);
          plan.workFrom[z] = from;
          plan.workTo[z] = from + 2 + 4 * uniform(seed, key ^ 0xe3, day);
          plan.workPeople[z] = 1 + Math.floor(3 * uniform(seed, key ^ 0xe4, day));
        }
      }
    }
    plan.rounds = (workday ? ROUNDS_H : [...ROUNDS_H, ...CLOSED_DAY_ROUNDS_H]).map(
      (h, i) => h + (uniform(seed, 0x5ec + i, day) - 0.5) * 0.6,
    );
  }
}
