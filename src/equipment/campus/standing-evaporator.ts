const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * a stopped chiller's evaporator water drifts toward the plant room with this time constant, minutes: the shell and
 * its pipes are lagged (≈ 25 mm of closed-cell foam: 20–30 W/K against ≈ 4 MJ/K of water and steel would take days),
 * and the sensor's thermowell sits in the leaving nozzle by the uninsulated valve and flanges: about half a day
 */
const EVAP_STANDSTILL_TAU_MIN = 720;
/** the drift looks back this far: 4 τ, what stood before weighs under 2 % */
const LOOKBACK_MS = 4 * EVAP_STANDSTILL_TAU_MIN * MINUTE;
/** hourly room temperatures kept before the cache starts over */
const MEMO = 512;

/**
 * The chilled water standing in a stopped chiller's shut-off evaporator: from the temperature it stopped at, toward the
 * plant room's temperature as it was hour by hour since (a first-order lag of the room, so the afternoon's peak
 * arrives damped and late), a pure function of the stop and the instant.
 */
export class StandingEvaporator {
  private readonly rooms = new Map<number, number>();
  /** by stop: the room's part at the start of the hour last asked */
  private readonly past = new Map<number, { hour: number; value: number }>();

  constructor(
    /** the plant room's temperature at an instant, °C */
    private readonly roomAt: (t: number) => number,
  ) {}

  /** The water's temperature at t in a chiller that stopped at `stop` (−Infinity: long ago) with it at `fromC`. */
  at(stop: number, t: number, fromC: number): number {
    const tau = EVAP_STANDSTILL_TAU_MIN * MINUTE;
    const h = Math.floor(t / HOUR);
    const since = Math.max(stop, h * HOUR);
    // the hours before this one, as they reached its start, then this hour's room
    const past = this.pastHours(stop, h) * Math.exp(-(t - h * HOUR) / tau);
    return fromC * Math.exp(-(t - stop) / tau) + past + this.room(h) * (1 - Math.exp(-(t - since) / tau));
  }

  /** the room's part of the water's temperature at the start of hour h, from the stop (memoized per stop) */
  private pastHours(stop: number, h: number): number {
    const held = this.past.get(stop);
    if (held?.hour === h) return held.value;
    const tau = EVAP_STANDSTILL_TAU_MIN * MINUTE;
    const end = h * HOUR;
    const from = Math.max(stop, end - LOOKBACK_MS);
    let x = 0;
    if (from < end) {
      const first = Math.floor(from / HOUR);
      // before the look-back, the room of its first hour stands in for the rest
      x = this.room(first) * (Math.exp(-(end - from) / tau) - Math.exp(-(end - stop) / tau));
      let kept = Math.exp(-(end - from) / tau);
      for (let k = first; k < h; k++) {
        const next = Math.exp(-(end - (k + 1) * HOUR) / tau);
        x += this.room(k) * (next - kept);
        kept = next;
      }
    }
    if (this.past.size >= MEMO) this.past.clear();
    this.past.set(stop, { hour: h, value: x });
    return x;
  }

  /** the room's temperature in hour h (at its middle) */
  private room(h: number): number {
    let c = this.rooms.get(h);
    if (c === undefined) {
      if (this.rooms.size >= MEMO) this.rooms.clear();
      c = this.roomAt(h * HOUR + HOUR / 2);
      this.rooms.set(h, c);
    }
    return c;
  }
}
