import type { SiteSpec } from '../../model/topology.js';
import type { LocalColumns } from '../../time/clock.js';
import { civilFromDays, packedDay, packedMonth, packedYear, weekdayOfDays, type HolidayCalendar } from '../../time/holidays.js';

/** What the BAS schedule says at one timestamp, in local time. */
export interface ScheduleState {
  hour: number;
  workday: boolean;
  occupiedMode: boolean;
  coolingSeason: boolean;
  /** hours since today's occupied start (occupied mode only) */
  hoursSinceOccupiedStart: number;
  /** hours since the last occupied period ended (unoccupied mode) */
  hoursSinceOccupiedEnd: number;
  /** length of the unoccupied stretch that ended at today's occupied start */
  hoursOffBeforeStart: number;
  /** hours until today's occupied start on a working day before it (optimal start looks at it); Infinity otherwise */
  hoursToOccupiedStart: number;
  /** climate-normal daily mean outdoor temperature of the day, °F: the season the building's mass has lived through */
  normalMeanF: number;
}

export function newScheduleState(): ScheduleState {
  return {
    hour: 0,
    workday: false,
    occupiedMode: false,
    coolingSeason: false,
    hoursSinceOccupiedStart: 0,
    hoursSinceOccupiedEnd: 0,
    hoursOffBeforeStart: 0,
    hoursToOccupiedStart: Infinity,
    normalMeanF: 60,
  };
}

/** Local schedule: working days, occupied hours, setback season. */
export class Schedule {
  private readonly workdays = new Map<number, boolean>();
  private readonly meanNormal: Float64Array;

  constructor(
    private readonly profile: Pick<SiteSpec, 'weather' | 'zoneControl'>,
    private readonly holidays: HolidayCalendar,
  ) {
    const w = profile.weather;
    this.meanNormal = Float64Array.from(w.monthlyHighF, (h, i) => (h + w.monthlyLowF[i]!) / 2);
  }

  isWorkday(dayIndex: number): boolean {
    let v = this.workdays.get(dayIndex);
    if (v === undefined) {
      const dow = weekdayOfDays(dayIndex);
      const civil = civilFromDays(dayIndex);
      v = dow >= 1 && dow <= 5 && !this.holidays.isHoliday(packedYear(civil), packedMonth(civil), packedDay(civil));
      this.workdays.set(dayIndex, v);
    }
    return v;
  }

  fill(local: LocalColumns, k: number, out: ScheduleState): void {
    const zc = this.profile.zoneControl;
    const day = local.dayIndex[k]!;
    const hour = local.hour[k]!;
    const workday = this.isWorkday(day);
    out.hour = hour;
    out.workday = workday;
    out.occupiedMode = workday && hour >= zc.occupiedStart && hour < zc.occupiedEnd;
    out.hoursSinceOccupiedStart = hour - zc.occupiedStart;
    const prev = this.previousWorkday(day);
    out.hoursOffBeforeStart = (day - prev) * 24 + zc.occupiedStart - zc.occupiedEnd;
    out.hoursSinceOccupiedEnd = workday && hour >= zc.occupiedEnd ? hour - zc.occupiedEnd : (day - prev) * 24 + hour - zc.occupiedEnd;
    out.hoursToOccupiedStart = workday && hour < zc.occupiedStart ? zc.occupiedStart - hour : Infinity;
    out.normalMeanF = this.normalMeanF(local.dayOfYear[k]!);
    out.coolingSeason = out.normalMeanF > zc.coolingSeasonAboveF;
  }

  private previousWorkday(day: number): number {
    for (let d = day - 1; d > day - 15; d--) if (this.isWorkday(d)) return d;
    return day - 15;
  }

  /** Normal daily mean temperature, linear between mid-month values. */
  private normalMeanF(dayOfYear: number): number {
    const m = (dayOfYear / 365.25) * 12 - 0.5;
    const i = Math.floor(m);
    const f = m - i;
    const a = this.meanNormal[(i + 12) % 12]!;
    const b = this.meanNormal[(i + 13) % 12]!;
    return a + (b - a) * f;
  }
}
