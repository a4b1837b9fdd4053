/**
 * Weather events of one site (storm, front, clearing), shared by all its
 * devices. Starts form a Poisson process in time: each minute may hold one
 * start (probability perHour/60) at a hashed second within it, so the rate
 * is the same whatever the reading interval. A newer event replaces a running
 * one. While an event runs its effects start changing at a fixed rate per
 * hour (storms: pressure −2 hPa/h, "falling rapidly" in realism.md) and level
 * off (indoor air within about an hour, pressure within a few hours); after it
 * ends they relax back, so nothing jumps.
 * Everything is a pure function of (seed, t).
 */
import { hash3, hashString, uniform } from '../random/rng.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/clock.js';

export type WeatherEventType = 'storm' | 'front' | 'clearing';

export interface WeatherEvent {
  readonly type: WeatherEventType;
  /** epoch ms */
  readonly start: number;
  /** epoch ms, exclusive: planned end, or the start of the event that replaced it */
  readonly end: number;
  /** rates of change while it runs, per hour */
  readonly temperaturePerHour: number;
  readonly humidityPerHour: number;
  readonly pressurePerHour: number;
}

export interface WeatherEffect {
  /** offsets to add to the undisturbed values */
  temperature: number;
  humidity: number;
  pressure: number;
  active: WeatherEvent | null;
}

export interface WeatherEventSettings {
  readonly enabled: boolean;
  readonly perHour: number;
  readonly minMinutes: number;
  readonly maxMinutes: number;
}

const SLOT_MS = MS_PER_MINUTE;
/** time constants: indoor air levels off within about an hour, pressure follows the weather for hours */
const ROOM_MS = MS_PER_HOUR;
const PRESSURE_LEVEL_MS = 3 * MS_PER_HOUR;
const PRESSURE_RELAX_MS = 6 * MS_PER_HOUR;
/** after 6 time constants an effect is < 0.25 % of its size: below the 0.01 rounding */
const TAIL_MS = 6 * PRESSURE_RELAX_MS;
/** days of event starts kept (a backfill walks forward through them) */
const DAY_CACHE = 8;

const K_START = hashString('weather/start');
const K_OFFSET = hashString('weather/offset');
const K_KIND = hashString('weather/kind');
const K_LENGTH = hashString('weather/length');

export class WeatherEvents {
  private readonly p: number;
  private readonly maxMs: number;
  private memoT = NaN;
  private memo: WeatherEffect = { temperature: 0, humidity: 0, pressure: 0, active: null };
  private readonly days = new Map<number, number[]>();

  constructor(
    private readonly seed: number,
    private readonly settings: WeatherEventSettings,
  ) {
    this.p = Math.min(1, settings.perHour / 60);
    this.maxMs = settings.maxMinutes * MS_PER_MINUTE;
  }

  /** Summed effect of recent events at t (memoized for the devices that share t). */
  at(t: number): WeatherEffect {
    if (t === this.memoT) return this.memo;
    const effect: WeatherEffect = { temperature: 0, humidity: 0, pressure: 0, active: null };
    if (this.settings.enabled && this.p > 0) {
      for (const e of this.eventsStartingIn(t - this.maxMs - TAIL_MS, t + 1)) {
        const ran = Math.min(t, e.end) - e.start;
        const after = Math.max(0, t - e.end);
        const room = response(ran, after, ROOM_MS, ROOM_MS);
        effect.temperature += e.temperaturePerHour * room;
        effect.humidity += e.humidityPerHour * room;
        effect.pressure += e.pressurePerHour * response(ran, after, PRESSURE_LEVEL_MS, PRESSURE_RELAX_MS);
        if (t < e.end) effect.active = e;
      }
    }
    this.memoT = t;
    this.memo = effect;
    return effect;
  }

  /** Events that run at some instant of [from, to), in start order (ground truth for labels and plots). */
  between(from: number, to: number): WeatherEvent[] {
    if (!this.settings.enabled || this.p === 0) return [];
    return this.eventsStartingIn(from - this.maxMs, to).filter((e) => e.end > from);
  }

  /** Events whose start lies in [from, to), with their effective ends. */
  private eventsStartingIn(from: number, to: number): WeatherEvent[] {
    const starts: number[] = [];
    // up to maxMs further: the next start may cut the last event short
    for (let day = Math.floor(from / MS_PER_DAY); day <= Math.floor((to + this.maxMs) / MS_PER_DAY); day++) {
      for (const s of this.startsOfDay(day)) if (s >= from) starts.push(s);
    }
    const events: WeatherEvent[] = [];
    for (let i = 0; i < starts.length && starts[i]! < to; i++) {
      const start = starts[i]!;
      const k = Math.floor(start / SLOT_MS);
      const minutes = this.settings.minMinutes + uniform(this.seed, K_LENGTH, k) * (this.settings.maxMinutes - this.settings.minMinutes);
      const planned = start + Math.round(minutes * MS_PER_MINUTE);
      const next = starts[i + 1];
      events.push(describe(hash3(this.seed, K_KIND, k), start, next !== undefined ? Math.min(planned, next) : planned));
    }
    return events;
  }

  /** Start instants within one UTC day (memoized: the draw per minute is the costly part). */
  private startsOfDay(day: number): number[] {
    let starts = this.days.get(day);
    if (starts) return starts;
    starts = [];
    for (let k = (day * MS_PER_DAY) / SLOT_MS, end = k + MS_PER_DAY / SLOT_MS; k < end; k++) {
      if (uniform(this.seed, K_START, k) < this.p) starts.push(k * SLOT_MS + Math.floor(uniform(this.seed, K_OFFSET, k) * 60) * 1000);
    }
    if (this.days.size >= DAY_CACHE) this.days.delete(this.days.keys().next().value!);
    this.days.set(day, starts);
    return starts;
  }
}

/**
 * Effect of a unit rate (per hour) that ran for `ran` ms and ended `after` ms
 * ago: first-order rise toward rate × level (initial slope = the rate), then
 * exponential relaxation.
 */
function response(ran: number, after: number, levelMs: number, relaxMs: number): number {
  const reached = (levelMs / MS_PER_HOUR) * (1 - Math.exp(-ran / levelMs));
  return after > 0 ? reached * Math.exp(-after / relaxMs) : reached;
}

/** Kind and rates from one hash: 40 % storms, 30 % fronts (warm or cold), 30 % clearing. */
function describe(h: number, start: number, end: number): WeatherEvent {
  const roll = (h & 0xffff) / 0x10000;
  if (roll < 0.4) return { type: 'storm', start, end, temperaturePerHour: -1, humidityPerHour: 10, pressurePerHour: -2 };
  if (roll < 0.7) {
    // a front changes pressure fast in either direction, and brings drier, warmer air indoors
    const sign = h & 0x10000 ? 1 : -1;
    return { type: 'front', start, end, temperaturePerHour: 1.5, humidityPerHour: -8, pressurePerHour: 3 * sign };
  }
  return { type: 'clearing', start, end, temperaturePerHour: 0.5, humidityPerHour: -5, pressurePerHour: 1.5 };
}
