import type { SiteSpec, Topology } from '../../model/topology.js';
import { NoiseTrack, hashString, uniform } from '../../random/rng.js';
import { BTUH_PER_W, PERSON_SENSIBLE_BTUH, facadeUa, solarGainBtuh } from '../relations/zone-thermal.js';
import type { BuildingState, Frame } from './frame.js';
import type { ScheduleState } from './schedule.js';
import { ZonePresence } from './zone-presence.js';

const HOUR_MS = 3_600_000;

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
  readonly ua: Float64Array;
  readonly lightKw: Float64Array;
  readonly plugKw: Float64Array;
  readonly people: Float64Array;
  readonly gains: Float64Array;
  readonly free: Float64Array;
  readonly drift: Float64Array;
  /** each floor's plug load wanders (equipment cycling, chargers, kitchenettes), independently of the others */
  private readonly plugNoise: NoiseTrack[];

  constructor(
    private readonly topology: Topology,
    seed: number,
  ) {
    this.p = topology.site;
    const n = topology.zones.length;
    this.key = new Uint32Array(n);
    this.bias = new Float64Array(n);
    this.ua = new Float64Array(n);
    this.lightKw = new Float64Array(n);
    this.plugKw = new Float64Array(n);
    this.people = new Float64Array(n);
    this.gains = new Float64Array(n);
    this.free = new Float64Array(n);
    this.drift = new Float64Array(n);
    for (const z of topology.zones) {
      const key = hashString(z.id);
      this.key[z.index] = key;
      // zones differ: some run warmer, for as long as the building stands
      this.bias[z.index] = this.p.zoneControl.zoneBiasF * (2 * uniform(seed, key, 2) - 1);
      this.ua[z.index] = facadeUa(z.facadeFt2, this.p.floors.windowRatio, z.areaFt2);
    }
    this.presence = new ZonePresence(topology, seed);
    this.plugNoise = Array.from(
      { length: this.p.floors.count },
      (_, f) => new NoiseTrack(seed, hashString(`plugs:floor-${f + 1}`), 3 * HOUR_MS),
    );
  }

  /** Occupancy, people, lighting and plug loads and total gains of every zone. */
  fill(frame: Frame, k: number, s: ScheduleState): void {
    const p = this.p;
    const t = frame.timestamps[k]!;
    const oat = frame.weather.dryBulbF[k]!;
    const offDecay = s.occupiedMode ? 1 : Math.exp(-s.hoursSinceOccupiedEnd / 4);
    const presence = this.presence;
    presence.fill(t, frame.local.dayIndex[k]!, s);
    for (const zone of this.topology.zones) {
      const z = zone.index;
      const occ = presence.tenantOcc[z]!;
      const people = presence.people[z]!;
      // daylight harvesting dims the perimeter's fixtures by day, down to about 60 % under a bright sky
      const daylit = zone.facadeFt2 > 0 ? 1 - 0.4 * Math.min(1, frame.weather.solarGlobal[k]! / 600) : 1;
      const lightKw = (p.loads.lightingWPerFt2 * zone.areaFt2 * presence.litShare[z]! * daylit) / 1000;
      const plugShare =
        p.loads.plugBaseFraction * (1 + 0.12 * this.plugNoise[zone.floor - 1]!.at(t)) + (1 - p.loads.plugBaseFraction) * occ;
      const plugKw = (p.loads.plugWPerFt2 * presence.tenantOf(zone.floor).plugFactor * zone.areaFt2 * plugShare) / 1000;
      this.people[z] = people;
      this.lightKw[z] = lightKw;
      this.plugKw[z] = plugKw;
      const gains =
        people * PERSON_SENSIBLE_BTUH +
        (lightKw + plugKw) * 1000 * BTUH_PER_W +
        solarGainBtuh(zoneIrradiance(frame, k, zone.name), zone.facadeFt2, p.floors.windowRatio);
      const free = this.freeFloat(oat, gains, z);
      this.gains[z] = gains;
      this.free[z] = free;
      // where the zone has drifted since the last occupied period ended (one decay for all zones)
      this.drift[z] = free + (p.zoneControl.occupiedSetpointF + this.bias[z]! - free) * offDecay;
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

  /** Where a zone settles with the air off: between outdoor air and its own gains, damped by mass. */
  private freeFloat(oat: number, gains: number, z: number): number {
    const core = 70 + this.bias[z]! * 0.5;
    return core + 0.25 * (oat - core) + Math.min(8, gains / (this.ua[z]! * 4 + 2000));
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
