import type { SiteSpec, Topology } from '../../model/topology.js';
import { NoiseTrack, hashString, uniform } from '../../random/rng.js';
import {
  BTUH_PER_W,
  PERSON_SENSIBLE_BTUH,
  facadeUa,
  floatDecay,
  floatingTemp,
  infiltrationUa,
  solarGainBtuh,
} from '../relations/zone-thermal.js';
import type { BuildingState, Frame } from './frame.js';
import type { ScheduleState } from './schedule.js';
import { ZonePresence } from './zone-presence.js';
import { MS_PER_HOUR } from '../../time/clock.js';

/**
 * Time constant of a zone's mass against its envelope, hours: an office floor
 * with a concrete slab holds about 4 BTU/°F per ft² of floor coupled to the
 * room air, against roughly 0.13 BTU/h·°F per ft² of envelope and leakage.
 */
export const MASS_TAU_H = 30;
/** heat the floor's mass (slab, furniture) exchanges with the room air per °F of difference, BTU/h per ft² of floor */
export const MASS_COUPLING_BTUH_FT2_F = 1;

/**
 * What each zone holds at a timestamp before any air reaches it: people,
 * lighting and plug loads, their heat with the sun's, and the temperature it
 * would float to with the air off. Per-zone arrays indexed by zone index.
 */
export class ZoneLoads {
  private readonly p: SiteSpec;
  readonly key: Uint32Array;
  readonly presence: ZonePresence;
  readonly bias: Float64Array;
  /** each zone's occupied setpoint, °F: the building's, moved by its tenant */
  readonly sp: Float64Array;
  /** envelope conduction, BTU/h·°F */
  private readonly conduction: Float64Array;
  /** envelope plus infiltration at the current timestamp, with the fans on in occupied mode, BTU/h·°F */
  readonly ua: Float64Array;
  readonly lightKw: Float64Array;
  readonly plugKw: Float64Array;
  readonly people: Float64Array;
  readonly gains: Float64Array;
  /** where the zone would settle with the air off (outdoor air and its gains, fans off), °F */
  readonly free: Float64Array;
  /** where the zone has floated since the last occupied period ended (unoccupied mode), °F */
  readonly drift: Float64Array;
  /** where the zone had floated by the end of the last unoccupied stretch (today's occupied start), °F */
  readonly morning: Float64Array;
  /** each floor's plug load wanders (equipment cycling, chargers, kitchenettes), independently of the others */
  private readonly plugNoise: NoiseTrack[];
  /** that wander at the current timestamp, per floor (index floor − 1) */
  private readonly floorPlugWander: Float64Array;

  constructor(
    private readonly topology: Topology,
    seed: number,
  ) {
    this.p = topology.site;
    const n = topology.zones.length;
    this.key = new Uint32Array(n);
    this.bias = new Float64Array(n);
    this.sp = new Float64Array(n);
    this.conduction = new Float64Array(n);
    this.ua = new Float64Array(n);
    this.lightKw = new Float64Array(n);
    this.plugKw = new Float64Array(n);
    this.people = new Float64Array(n);
    this.gains = new Float64Array(n);
    this.free = new Float64Array(n);
    this.drift = new Float64Array(n);
    this.morning = new Float64Array(n);
    const zc = this.p.zoneControl;
    for (const z of topology.zones) {
      const key = hashString(z.id);
      this.key[z.index] = key;
      // zones differ: some run warmer, for as long as the building stands
      this.bias[z.index] = zc.zoneBiasF * (2 * uniform(seed, key, 2) - 1);
      // the tenant's setpoint: 0.5 °F steps within the spread, for as long as the lease runs
      const steps = Math.floor(2 * zc.setpointSpreadF);
      this.sp[z.index] = zc.occupiedSetpointF + 0.5 * (Math.floor((2 * steps + 1) * uniform(seed, key, 3)) - steps);
      this.conduction[z.index] = facadeUa(z.facadeFt2, this.p.floors.windowRatio, z.areaFt2);
    }
    this.presence = new ZonePresence(topology, seed);
    this.floorPlugWander = new Float64Array(this.p.floors.count);
    this.plugNoise = Array.from(
      { length: this.p.floors.count },
      (_, f) => new NoiseTrack(seed, hashString(`plugs:floor-${f + 1}`), 3 * MS_PER_HOUR),
    );
  }

  /** Occupancy, people, lighting and plug loads and total gains of every zone. */
  fill(frame: Frame, k: number, s: ScheduleState): void {
    const p = this.p;
    const t = frame.timestamps[k]!;
    const oat = frame.weather.dryBulbF[k]!;
    const presence = this.presence;
    presence.fill(t, frame.local.dayIndex[k]!, s);
    // the mass leaves a summer day warmer than the room air and a winter day colder
    const massRise = 0.1 * (s.normalMeanF - 60);
    // the mass sees a day's outdoor air, not the hour's: half the hour, half the season
    const outdoorForMass = 0.5 * oat + 0.5 * s.normalMeanF;
    for (let f = 0; f < this.floorPlugWander.length; f++) this.floorPlugWander[f] = this.plugNoise[f]!.at(t);
    // the hours since the air went off are the building's, not the zone's: the decays are computed once
    const h = s.hoursSinceOccupiedEnd;
    const sinceEnd = floatDecay(h, MASS_TAU_H);
    const beforeStart = floatDecay(s.hoursOffBeforeStart, MASS_TAU_H);
    const sunLeft = 1 - Math.exp(-h);
    for (const zone of this.topology.zones) {
      const z = zone.index;
      const occ = presence.tenantOcc[z]!;
      const people = presence.people[z]!;
      // daylight harvesting dims the perimeter's fixtures by day, down to about 60 % under a bright sky
      const daylit = zone.facadeFt2 > 0 ? 1 - 0.4 * Math.min(1, frame.weather.solarGlobal[k]! / 600) : 1;
      const lightKw = (p.loads.lightingWPerFt2 * zone.areaFt2 * presence.litShare[z]! * daylit) / 1000;
      const plugShare =
        p.loads.plugBaseFraction * (1 + 0.12 * this.floorPlugWander[zone.floor - 1]!) + (1 - p.loads.plugBaseFraction) * occ;
      const plugKw = (p.loads.plugWPerFt2 * presence.tenantOf(zone.floor).plugFactor * zone.areaFt2 * plugShare) / 1000;
      this.people[z] = people;
      this.lightKw[z] = lightKw;
      this.plugKw[z] = plugKw;
      const solar = solarGainBtuh(zoneIrradiance(frame, k, zone.name), zone.facadeFt2, p.floors.windowRatio);
      const gains = people * PERSON_SENSIBLE_BTUH + (lightKw + plugKw) * 1000 * BTUH_PER_W + solar;
      // the mass feels the tenant's day, not a guard's lights for a quarter of an hour or a cleaner's half hour
      const steadyLightKw = (p.loads.lightingWPerFt2 * zone.areaFt2 * presence.steadyLitShare[z]! * daylit) / 1000;
      const steadyGains =
        ((occ * zone.areaFt2) / p.occupancy.areaPerPerson) * PERSON_SENSIBLE_BTUH + (steadyLightKw + plugKw) * 1000 * BTUH_PER_W;
      const infiltration = infiltrationUa(zone.facadeFt2, oat, false);
      const uaOff = this.conduction[z]! + infiltration;
      this.ua[z] = this.conduction[z]! + infiltrationUa(zone.facadeFt2, oat, s.occupiedMode);
      // a core zone has no façade: it leans on the conditioned floor around it instead
      const uaCore = zone.facadeFt2 === 0 ? 0.3 * zone.areaFt2 : 0;
      // the mass drifts toward the balance of outdoor air and internal gains; the sun through the
      // glass warms the room air and the surfaces it falls on within the hour, and leaves with it
      const slow = (uaOff * outdoorForMass + uaCore * p.zoneControl.occupiedSetpointF + steadyGains) / (uaOff + uaCore);
      const fast = solar / (uaOff + uaCore + 2 * MASS_COUPLING_BTUH_FT2_F * zone.areaFt2);
      const sp = this.sp[z]!;
      this.gains[z] = gains;
      this.free[z] = slow + fast;
      // (the box absorbed the sun's share while it ran: it shows in the room within the hour after)
      this.drift[z] = s.occupiedMode ? sp : floatingTemp(sp, sp + massRise, slow, sinceEnd) + fast * sunLeft;
      this.morning[z] = floatingTemp(sp, sp + massRise, slow, beforeStart) + fast;
    }
  }

  /** Each floor's lighting and plug load, for the luminaires and the meters. */
  floorTotals(state: BuildingState): void {
    state.floorLightKw.fill(0);
    state.floorPlugKw.fill(0);
    for (const zone of this.topology.zones) {
      state.floorLightKw[zone.floor - 1]! += this.lightKw[zone.index]!;
      state.floorPlugKw[zone.floor - 1]! += this.plugKw[zone.index]!;
    }
    for (let f = 0; f < this.p.floors.count; f++) state.floorPlugKw[f]! += this.presence.tenantOf(f + 1).itKw;
  }
}

function zoneIrradiance(frame: Frame, k: number, name: string): number {
  switch (name) {
    case 'north':
      return frame.sun.north[k]!;
    case 'south':
      return frame.sun.south[k]!;
    case 'east':
      return frame.sun.east[k]!;
    case 'west':
      return frame.sun.west[k]!;
    default:
      return 0;
  }
}
