import type { SiteModel } from '../../model/site-model.js';
import type { Topology } from '../../profile/topology.js';
import { LocalClock, allocLocalColumns, type LocalColumns } from '../../time/clock.js';
import { holidayCalendar } from '../../time/holidays.js';
import { PointRows } from '../point-rows.js';
import { fillClearSky, type SolarColumns } from '../solar.js';
import { WeatherModel, allocWeatherColumns, type WeatherColumns } from '../weather.js';
import { AirSide } from './air-side.js';
import type { AirSideTotals, Frame } from './frame.js';
import { Plant, type PlantTotals } from './plant.js';
import { Schedule, newScheduleState } from './schedule.js';
import { Utilities } from './utilities.js';

/** Fault windows of equipment for the timestamps of a frame. */
export type FaultWindows = Pick<Frame, 'faulted' | 'faultStart' | 'recoveredFrom' | 'recoveredHours'>;

/**
 * The building's true state at any list of instants: weather and the
 * schedule drive the air side, the air side drives the plant, and all of it
 * lands on the meters. Each instant depends only on its own time (and the
 * fault windows covering it), never on the instant before, so any split of
 * a range gives the same numbers.
 */
export class BuildingPhysics {
  readonly rows: PointRows;
  private readonly clock: LocalClock;
  private readonly weather: WeatherModel;
  private readonly schedule: Schedule;
  private readonly airSide: AirSide;
  private readonly plant: Plant;
  private readonly utilities: Utilities;
  private readonly holidays;
  private readonly columns = new Map<number, { local: LocalColumns; weather: WeatherColumns; sun: SolarColumns }>();

  constructor(
    private readonly topology: Topology,
    private readonly model: SiteModel,
    seed: number,
  ) {
    const p = topology.profile;
    this.rows = new PointRows(topology, model);
    this.clock = new LocalClock(p.site.timeZone);
    this.holidays = holidayCalendar(p.occupancy.holidays);
    this.weather = new WeatherModel({ ...p.weather, latitude: p.site.latitude, longitude: p.site.longitude }, seed);
    this.schedule = new Schedule(p, this.holidays);
    this.airSide = new AirSide(topology, this.rows, seed);
    this.plant = new Plant(topology, this.rows, seed);
    this.utilities = new Utilities(topology, this.rows, seed);
  }

  /** Input columns for frames of T timestamps, reused (every entry is rewritten each run). */
  private columnsFor(T: number): { local: LocalColumns; weather: WeatherColumns; sun: SolarColumns } {
    let columns = this.columns.get(T);
    if (!columns) {
      const sun: SolarColumns = {
        horizontal: new Float64Array(T),
        north: new Float64Array(T),
        east: new Float64Array(T),
        south: new Float64Array(T),
        west: new Float64Array(T),
      };
      columns = { local: allocLocalColumns(T), weather: allocWeatherColumns(T), sun };
      this.columns.set(T, columns);
    }
    return columns;
  }

  get pointCount(): number {
    return this.model.points.length;
  }

  /** Fills `truth` (point-major, P × timestamps.length) with true values. */
  run(timestamps: Float64Array, faults: FaultWindows, truth: Float64Array): void {
    const T = timestamps.length;
    const p = this.topology.profile;
    const { local, weather, sun } = this.columnsFor(T);
    this.clock.fill(timestamps, local, this.holidays);
    this.weather.fill(timestamps, weather);
    fillClearSky(timestamps, p.site.latitude, p.site.longitude, sun);
    // clouds scale the clear-sky beam on the façades the way they scale the measured global value
    for (let k = 0; k < T; k++) {
      const f = sun.horizontal[k]! > 1 ? Math.min(1.2, weather.solarGlobal[k]! / sun.horizontal[k]!) : 0;
      sun.north[k]! *= f;
      sun.east[k]! *= f;
      sun.south[k]! *= f;
      sun.west[k]! *= f;
    }
    const frame: Frame = { timestamps, local, weather, sun, ...faults, truth };
    const state = newScheduleState();
    const air: AirSideTotals = { coilBtuh: 0, reheatBtuh: 0, fanKw: 0, people: 0, occupancy: 0, anyAhuRunning: false };
    const plant: PlantTotals = { chillerKw: 0, auxKw: 0, boilerGasCfh: 0, makeupGpm: 0 };
    for (let k = 0; k < T; k++) {
      this.schedule.fill(local, k, state);
      this.airSide.step(frame, k, state, this.plant.available(frame, k), air);
      this.plant.step(frame, k, air, plant);
      this.utilities.step(frame, k, this.airSide, air, plant);
    }
  }
}
