import type { Topology } from '../../model/topology.js';
import { allocLocalColumns, LocalClock } from '../../time/clock.js';
import { holidayCalendar } from '../../time/holidays.js';
import { allocWeatherColumns, siteWeather, type WeatherModel } from '../weather.js';
import type { ShiftPattern } from './campus-grid.js';
import { fToC } from './campus-context.js';
import { wetBulbF } from '../relations/psychrometrics.js';

/** What a plant controller's slow decisions read at an instant of their own choosing. */
export interface InstantDrivers {
  /** local hour, fractional */
  readonly hour: number;
  readonly ambientC: number;
  readonly wetBulbC: number;
  /** the shift pattern's production level, 0..1 */
  readonly production: number;
  /** global horizontal irradiance, W/m² */
  readonly solarWm2: number;
}

/**
 * The campus's drivers at any instant, not only at a frame's: a decision taken
 * at the start of a control period (chiller staging) reads the weather and the
 * shifts there, whatever frame the instant inside the period belongs to, so it
 * stays a pure function of time. The same weather and calendar as the frame's
 * (same model, same seed); the last instant asked is memoized.
 */
export class CampusInstant {
  private readonly clock: LocalClock;
  private readonly holidays: ReturnType<typeof holidayCalendar>;
  private readonly weather: WeatherModel;
  private readonly ts = new Float64Array(1);
  private readonly local = allocLocalColumns(1);
  private readonly air = allocWeatherColumns(1);
  private t = Number.NaN;
  private value: InstantDrivers = { hour: 0, ambientC: 0, wetBulbC: 0, production: 0, solarWm2: 0 };

  constructor(
    topology: Topology,
    seed: number,
    private readonly shifts: ShiftPattern,
  ) {
    const p = topology.site;
    this.clock = new LocalClock(p.site.timeZone);
    this.holidays = holidayCalendar(p.occupancy.holidays);
    this.weather = siteWeather(p, seed);
  }

  at(t: number): InstantDrivers {
    if (t === this.t) return this.value;
    this.t = t;
    this.ts[0] = t;
    this.clock.fill(this.ts, this.local, this.holidays);
    this.weather.fill(this.ts, this.air);
    const hour = this.local.hour[0]!;
    const production = this.shifts.level(hour, this.local.dayIndex[0]!, t);
    const dry = this.air.dryBulbF[0]!;
    const wetBulbC = fToC(wetBulbF(dry, this.air.relHumidity[0]!));
    this.value = { hour, ambientC: fToC(dry), wetBulbC, production, solarWm2: this.air.solarGlobal[0]! };
    return this.value;
  }
}
