import type { SiteModel } from '../../model/site-model.js';
import { equipsOf, type Topology } from '../../model/topology.js';
import { LocalClock, allocLocalColumns, type LocalColumns } from '../../time/clock.js';
import { holidayCalendar } from '../../time/holidays.js';
import { PointRows } from '../point-rows.js';
import { fillClearSky, type SolarColumns } from '../solar.js';
import { type WeatherModel, allocWeatherColumns, siteWeather, type WeatherColumns } from '../weather.js';
import type { GroundTruthEvent } from '../sample.js';
import type { BuildingState, ElecTotals, Frame, RegisterSampling } from './frame.js';
import type { PhysicsKind, PhysicsStage } from './physics-stage.js';
import { Schedule, newScheduleState } from './schedule.js';
import { type FrameOverrides, NO_OVERRIDES } from '../override-schedule.js';
import { HARMONIC_GROUP_COUNT } from '../relations/elec-power-quality.js';

/** Fault windows of equipment for the timestamps of a frame. */
export type FaultWindows = Pick<
  Frame,
  'faulted' | 'faultStart' | 'recoveredFrom' | 'recoveredHours' | 'degraded' | 'degradedStart' | 'degradedEnd' | 'degradedValue'
>;

/**
 * The building's true state at any list of instants: weather and the
 * schedule drive the equipment types' physics, which run in registry order
 * (the air side before the plant, the plant before the meters) and hand
 * their totals on through a BuildingState. Each instant depends only on its
 * own time (and the fault windows covering it), never on the instant before,
 * so any split of a range gives the same numbers.
 */
export class BuildingPhysics {
  private readonly clock: LocalClock;
  private readonly weather: WeatherModel;
  private readonly schedule: Schedule;
  private readonly stages: readonly PhysicsStage[];
  /** stages stepped: all, or up to the last one a wanted equipment needs (later stages only read earlier ones' totals) */
  private readonly stepped: number;
  /** 1 where a wanted equipment sits (topology position): the others' stages compute their power flows only */
  private readonly wanted: Uint8Array | undefined;
  private readonly holidays;
  private readonly floors: number;
  private readonly elec: ElecTotals;
  private readonly columns = new Map<number, { local: LocalColumns; weather: WeatherColumns; sun: SolarColumns }>();

  constructor(
    private readonly topology: Topology<PhysicsKind>,
    /** the model, or its point rows (a replay of the same topology shares the engine's) */
    model: SiteModel | PointRows,
    seed: number,
    epochMs?: number,
    wanted?: ReadonlySet<string>,
  ) {
    const p = topology.site;
    const rows = model instanceof PointRows ? model : new PointRows(model);
    this.clock = new LocalClock(p.site.timeZone);
    this.holidays = holidayCalendar(p.occupancy.holidays);
    this.weather = siteWeather(p, seed);
    this.schedule = new Schedule(p, this.holidays);
    this.floors = p.floors.count;
    const E = p.campus ? topology.equips.length : 0;
    this.elec = {
      kw: new Float64Array(E),
      kvar: new Float64Array(E),
      harmonicKva: new Float64Array(E * HARMONIC_GROUP_COUNT),
      inputHarmonicKva: new Float64Array(E * HARMONIC_GROUP_COUNT),
      inputKw: new Float64Array(E),
    };
    const staged = topology.types.flatMap((kind) => {
      const equips = equipsOf(topology, kind);
      return kind.physics && equips.length > 0 ? [{ kind, stage: kind.physics({ equips, topology, rows, seed, epochMs, wanted }) }] : [];
    });
    this.stages = staged.map((s) => s.stage);
    this.stepped = wanted ? stagesNeeded(topology, staged, wanted) : staged.length;
    this.wanted = wanted && Uint8Array.from(topology.equips, (e) => (wanted.has(e.id) ? 1 : 0));
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

  /** Ground truth of the physics's own events (utility outages) overlapping [start, end). */
  eventsBetween(start: number, end: number): GroundTruthEvent[] {
    return this.stages.flatMap((s) => s.eventsBetween?.(start, end) ?? []);
  }

  /** Fills `truth` (point-major, P × timestamps.length) with true values. */
  run(
    timestamps: Float64Array,
    faults: FaultWindows,
    truth: Float64Array,
    overrides: FrameOverrides = NO_OVERRIDES,
    sampling?: RegisterSampling,
  ): void {
    const T = timestamps.length;
    const p = this.topology.site;
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
    const frame: Frame = {
      timestamps,
      local,
      weather,
      sun,
      ...faults,
      overrides,
      truth,
      ...(this.wanted && { wanted: this.wanted }),
      ...(sampling && { wanted: sampling.wanted, steadyLags: true }),
    };
    const state: BuildingState = {
      schedule: newScheduleState(),
      coolingAvailable: false,
      air: { coilBtuh: 0, reheatBtuh: 0, fanKw: 0, people: 0, occupancy: 0, anyAhuRunning: false },
      plant: { chillerKw: 0, auxKw: 0, boilerGasCfh: 0, makeupGpm: 0 },
      floorLightKw: new Float64Array(this.floors),
      floorPlugKw: new Float64Array(this.floors),
      elec: this.elec,
    };
    for (let k = 0; k < T; k++) {
      this.schedule.fill(local, k, state.schedule);
      resetTotals(state);
      for (const stage of this.stages) stage.before?.(frame, k, state);
      for (let s = 0; s < this.stepped; s++) this.stages[s]!.step(frame, k, state);
    }
  }
}

/**
 * How many stages the wanted equipment need: up to the last stage of their types. An equipment of a type
 * without a stage of its own is written by another type's stage (the office chillers by the plant's): then all.
 */
function stagesNeeded(topology: Topology<PhysicsKind>, staged: readonly { kind: PhysicsKind }[], wanted: ReadonlySet<string>): number {
  const types = new Set(topology.equips.filter((e) => wanted.has(e.id)).map((e) => e.type));
  let last = -1;
  for (const type of types) {
    const i = staged.findIndex((s) => s.kind.name === type);
    if (i < 0) return staged.length;
    last = Math.max(last, i);
  }
  return last + 1;
}

/** Every step starts from nothing: equipment a building lacks contributes zero. */
function resetTotals(state: BuildingState): void {
  state.coolingAvailable = false;
  const { air, plant } = state;
  air.coilBtuh = air.reheatBtuh = air.fanKw = air.people = air.occupancy = 0;
  air.anyAhuRunning = false;
  plant.chillerKw = plant.auxKw = plant.boilerGasCfh = plant.makeupGpm = 0;
  state.floorLightKw.fill(0);
  state.floorPlugKw.fill(0);
  const { elec } = state;
  if (elec.kw.length > 0) {
    elec.kw.fill(0);
    elec.kvar.fill(0);
    elec.harmonicKva.fill(0);
    elec.inputHarmonicKva.fill(0);
    elec.inputKw.fill(0);
  }
}
