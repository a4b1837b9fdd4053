/**
 * Weather events of one site (storm, front, clearing), shared by all its
 * devices. Starts form a Poisson process in time: each minute may hold one
 * start (probability perHour/60) at a hashed second within it, so the rate
 * is the same whatever the reading interval. A newer event replaces a running
 * one. While an event runs, its effects change at a fixed rate per hour
 * (storms: pressure −2 hPa/h, "falling rapidly" in realism.md); after it
 * ends they relax back with a 30-minute time constant, so nothing jumps.
 * Everything is a pure function of (seed, t).
 */
import { hash3, hashString, uniform } from '../sim/rng.js';

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

const SLOT_MS = 60_000;
const HOUR_MS = 3_600_000;
const RELAX_MS = 30 * 60_000;
/** after 6 time constants an effect is < 0.25 % of its size: below the 0.01 rounding */
const TAIL_MS = 6 * RELAX_MS;

const K_START = hashString('weather/start');
const K_OFFSET = hashString('weather/offset');
const K_KIND = hashString('weather/kind');
const K_LENGTH = hashString('weather/length');

export class WeatherEvents {
  private readonly p: number;
  private readonly maxMs: number;
  private memoT = NaN;
  private memo: WeatherEffect = { temperature: 0, humidity: 0, pressure: 0, active: null };

  constructor(
    private readonly seed: number,
    private readonly settings: WeatherEventSettings,
  ) {
    this.p = Math.min(1, settings.perHour / 60);
    this.maxMs = settings.maxMinutes * 60_000;
  }

  /** Summed effect of recent events at t (memoized for the devices that share t). */
  at(t: number): WeatherEffect {
    if (t === this.memoT) return this.memo;
    const effect: WeatherEffect = { temperature: 0, humidity: 0, pressure: 0, active: null };
    if (this.settings.enabled && this.p > 0) {
      for (const e of this.eventsStartingIn(t - this.maxMs - TAIL_MS, t + 1)) {
        const runningUntil = Math.min(t, e.end);
        const hours = (runningUntil - e.start) / HOUR_MS;
        const decay = t > e.end ? Math.exp(-(t - e.end) / RELAX_MS) : 1;
        effect.temperature += e.temperaturePerHour * hours * decay;
        effect.humidity += e.humidityPerHour * hours * decay;
        effect.pressure += e.pressurePerHour * hours * decay;
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
    // one slot further: the next start may cut the last event short
    const last = Math.floor((to + this.maxMs) / SLOT_MS);
    for (let k = Math.floor(from / SLOT_MS); k <= last; k++) {
      if (uniform(this.seed, K_START, k) >= this.p) continue;
      starts.push(k * SLOT_MS + Math.floor(uniform(this.seed, K_OFFSET, k) * 60) * 1000);
    }
    const events: WeatherEvent[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      if (start < from || start >= to) continue;
      const k = Math.floor(start / SLOT_MS);
      const minutes = this.settings.minMinutes + uniform(this.seed, K_LENGTH, k) * (this.settings.maxMinutes - this.settings.minMinutes);
      const planned = start + Math.round(minutes * 60_000);
      const next = starts[i + 1];
      events.push(describe(hash3(this.seed, K_KIND, k), start, next !== undefined ? Math.min(planned, next) : planned));
    }
    return events;
  }
}

/** Kind and rates from one hash: 40 % storms, 30 % fronts (warm or cold), 30 % clearing. */
function describe(h: number, start: number, end: number): WeatherEvent {
  const roll = (h & 0xffff) / 0x10000;
  if (roll < 0.4) return { type: 'storm', start, end, temperaturePerHour: -1.5, humidityPerHour: 20, pressurePerHour: -2 };
  if (roll < 0.7) {
    // a front changes pressure fast in either direction, and brings drier, warmer air indoors
    const sign = h & 0x10000 ? 1 : -1;
    return { type: 'front', start, end, temperaturePerHour: 3, humidityPerHour: -15, pressurePerHour: 3 * sign };
  }
  return { type: 'clearing', start, end, temperaturePerHour: 0.5, humidityPerHour: -10, pressurePerHour: 1.5 };
}
