import type { PointInfo } from '../model/point.js';
import type { PointTemplate } from '../model/point-template.js';
import type { SiteSpec } from '../model/topology.js';
import type { GroundTruthEvent } from './sample.js';
import { type DriftCycle, DriftTrack, driftCycle, driftOffsetInCycle, driftRatePerMonth } from './relations/sensor-drift.js';
import { gaussianFromBits, hash3, hashString, hashWithPrefix, mix, NoiseTrack, streamPrefix, uniform } from '../random/rng.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/clock.js';

const SECOND = 1000;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_52 = 2 ** 52;
const MONTH = 30 * MS_PER_DAY;
/** a spike is one bad poll held for 1–5 s: a 1-min log catches about one in twenty of them */
const SPIKE_MIN_S = 1;
const SPIKE_MAX_S = 5;
const SPIKE_MEAN_S = (SPIKE_MIN_S + SPIKE_MAX_S) / 2;
/** correlation times of the slowly varying error, log-uniform per sensor */
const SLOW_MIN_MS = 30 * MS_PER_MINUTE;
const SLOW_MAX_MS = 3 * MS_PER_HOUR;

/** How one point's sensor turns a true value into a reading. */
interface SensorSpec {
  readonly key: number;
  /** white noise per second (turbulence, ripple, ADC): absolute and as a share of the value */
  readonly fast: number;
  readonly fastRel: number;
  /** slowly varying error (self-heating, radiation, airflow over the element): absolute and relative */
  readonly slow: number;
  readonly slowRel: number;
  readonly track: NoiseTrack | undefined;
  /** spike windows per hour (0: none) and their typical size: absolute, and as a share of the value */
  readonly spikeRate: number;
  readonly spikeSize: number;
  readonly spikeRel: number;
  readonly scale: number;
  readonly nonNegative: boolean;
  readonly percent: boolean;
  readonly bool: boolean;
  /** PointTemplate.zeroSuppressed: a true 0 reads 0 */
  readonly zeroSuppressed: boolean;
  readonly totalized: boolean;
  /** calibration cycle (length 0: does not drift) */
  readonly drift: DriftCycle;
  /** the drift offset at any instant, with the current cycle's line memoized */
  readonly driftTrack: DriftTrack;
}

/** A spike: one bad poll in hour slot h, held over [start, end), `deviation` sensor-noise units off the reading. */
interface Spike {
  readonly h: number;
  readonly start: number;
  readonly end: number;
  readonly deviation: number;
}

/** A calibration cycle's ground truth: the drift over it and the calibration that ends it. */
interface DriftCycleEvents {
  readonly n: number;
  /** when the calibration ends the cycle, ms (unrounded) */
  readonly end: number;
  readonly drift: GroundTruthEvent;
  readonly calibration: GroundTruthEvent;
}

/**
 * Measurement layer. Noise belongs to the sensor, not to the sample: a
 * reading is the true value plus the sensor's drift (reset by periodic
 * calibration), a slowly varying error (a smooth track with a correlation
 * time of 30 min–3 h), white noise only where the quantity itself fluctuates
 * (airflow turbulence, pressure, power ripple; a temperature element's is a
 * twentieth of its resolution), rare spikes (one bad poll), all rounded to the
 * point's resolution. Every term is a pure function of (seed, point, time),
 * so a reading at an instant is the same at every interval and in every
 * split: a 1-min zone-temperature trend holds its value most minutes and
 * moves in resolution steps, like a real 0.1 °F sensor.
 */
export class SensorModel {
  private readonly specs: SensorSpec[];
  /** per sensor, the events of the calibration cycle asked for last */
  private readonly driftKept: (DriftCycleEvents | undefined)[];
  /** per sensor, the hour slots scanned for spikes last and what they held */
  private secondsFor: Float64Array | undefined;
  private seconds = new Uint32Array(0);
  /** a drifting row's offsets at the instants being measured (DriftTrack.fill) */
  private drift = new Float64Array(0);
  private readonly spikeScans: ({ h0: number; h1: number; spikes: readonly Spike[] } | undefined)[];

  constructor(
    points: readonly PointInfo[],
    templates: readonly PointTemplate[],
    private readonly quality: SiteSpec['quality'],
    private readonly seed: number,
    private readonly epochMs: number,
  ) {
    const spikesPerHour = quality.noise ? (quality.spikesPerMonth * (MS_PER_MINUTE / SECOND / SPIKE_MEAN_S)) / (MONTH / MS_PER_HOUR) : 0;
    this.specs = points.map((p, i) => {
      const t = templates[i]!;
      const key = hashString(p.id);
      const drift = driftCycle(seed, key, t.drifts === true, quality);
      const noise = quality.noise ? (t.noise ?? 0) : 0;
      const rel = quality.noise ? (t.relativeNoise ?? 0) : 0;
      const resolution = 10 ** -p.decimals;
      // temperatures and humidity change slowly and their elements are well damped: the error is slow
      const smooth = p.unit !== undefined && (p.unit.startsWith('°') || p.unit === '%RH');
      const fast = smooth ? (noise > 0 ? 0.05 * resolution : 0) : noise;
      const fastRel = smooth ? 0 : rel;
      const slow = smooth ? noise : 0.5 * noise;
      const slowRel = smooth ? rel : 0.5 * rel;
      const period = SLOW_MIN_MS * (SLOW_MAX_MS / SLOW_MIN_MS) ** uniform(seed, key, 9);
      const analog = noise > 0 || rel > 0;
      return {
        key,
        fast,
        fastRel,
        slow,
        slowRel,
        track: slow > 0 || slowRel > 0 ? new NoiseTrack(seed, mix(key, 0x510e), period) : undefined,
        spikeRate: analog ? spikesPerHour : 0,
        spikeSize: noise > 0 ? Math.max(noise, 3 * resolution) : 0,
        spikeRel: rel,
        scale: 10 ** p.decimals,
        // temperatures and their differences (`Δ°C`: an approach or subcooling of a stopped machine) may read below 0
        nonNegative: p.unit !== undefined && !p.unit.startsWith('°') && !p.unit.startsWith('Δ°'),
        percent: (p.unit === '%' && !t.pastHundred) || p.unit === '%RH',
        bool: p.kind === 'Bool',
        zeroSuppressed: t.zeroSuppressed === true,
        totalized: p.totalized,
        drift,
        driftTrack: new DriftTrack(seed, drift, quality, epochMs),
      };
    });
    this.driftKept = this.specs.map(() => undefined);
    this.spikeScans = this.specs.map(() => undefined);
  }

  /** Converts row `r` of `truth` (length T, timestamps ts, which must not change once measured) into readings in `out`. */
  measure(r: number, truth: Float64Array, ts: Float64Array, from: number, to: number, out: Float64Array, outOffset: number): void {
    const s = this.specs[r]!;
    const T = ts.length;
    const base = r * T;
    if (s.bool || s.totalized) {
      for (let k = from; k < to; k++) out[outOffset + k - from] = Math.round(truth[base + k]! * s.scale) / s.scale;
      return;
    }
    const prefix = streamPrefix(this.seed, s.key);
    const { driftTrack, fast, fastRel, slow, slowRel, track, scale, nonNegative, percent, zeroSuppressed } = s;
    const noisy = fast > 0 || fastRel > 0;
    const low = nonNegative ? 0 : -Infinity;
    const high = percent ? 100 : Infinity;
    const drifts = s.drift.cycle > 0;
    const seconds = this.secondsOf(ts);
    if (this.drift.length < to - from) this.drift = new Float64Array(to - from);
    const drift = this.drift;
    if (drifts) driftTrack.fill(ts, from, to, drift);
    for (let k = from; k < to; k++) {
      const t = ts[k]!;
      let v = truth[base + k]!;
      if (drifts) v += drift[k - from]!;
      const size = Math.abs(v);
      if (track) v += track.at(t) * (slow + slowRel * size);
      if (noisy) v += gaussianFromBits(hashWithPrefix(prefix, seconds[k]!)) * (fast + fastRel * size);
      if (v < low) v = low;
      else if (v > high) v = high;
      // Math.round(x) without its branch on the common path (V8 rounds up, then steps back if that went past
      // x + 0.5: a branch the noise mispredicts every other reading). floor(x + 0.5) is the same number except
      // where the addition rounds up to the next integer (then r − x ≥ 0.5), at 0 (Math.round keeps a negative
      // zero), past 2⁵² and for NaN: those take Math.round itself
      const x = v * scale;
      let r = Math.floor(x + 0.5);
      if (r === 0 || r - x >= 0.5 || !(Math.abs(x) < TWO_POW_52)) r = Math.round(x);
      out[outOffset + k - from] = r / scale;
    }
    // a pass of its own: the rows without it (nearly all) keep the loop above free of the test
    if (zeroSuppressed) for (let k = from; k < to; k++) if (truth[base + k] === 0) out[outOffset + k - from] = 0;
    if (s.spikeRate > 0) this.applySpikes(s, r, ts, from, to, out, outOffset);
  }

  /** The white noise's counters (whole seconds of each timestamp), the same for every row of a frame: computed once per frame. */
  private secondsOf(ts: Float64Array): Uint32Array {
    if (ts !== this.secondsFor) {
      this.secondsFor = ts;
      this.seconds = Uint32Array.from(ts, (t) => Math.floor(t / SECOND));
    }
    return this.seconds;
  }

  /** Replaces the readings that fall inside a spike window by the outlier. */
  private applySpikes(s: SensorSpec, r: number, ts: Float64Array, from: number, to: number, out: Float64Array, outOffset: number): void {
    if (to <= from) return;
    const t0 = ts[from]!;
    const t1 = ts[to - 1]!;
    const step = to - from > 1 ? ts[from + 1]! - t0 : 1;
    const low = s.nonNegative ? 0 : -Infinity;
    const high = s.percent ? 100 : Infinity;
    for (const spike of this.spikesIn(s, r, Math.floor((t0 - SPIKE_MAX_S * SECOND) / MS_PER_HOUR), Math.floor(t1 / MS_PER_HOUR))) {
      const first = Math.max(from, from + Math.ceil((spike.start - t0) / step));
      for (let k = first; k < to && ts[k]! < spike.end; k++) {
        if (ts[k]! < spike.start) continue;
        const i = outOffset + k - from;
        const v = out[i]! + spike.deviation * (s.spikeSize + s.spikeRel * Math.abs(out[i]!));
        out[i] = Math.round(Math.min(high, Math.max(low, v)) * s.scale) / s.scale;
      }
    }
  }

  /**
   * The spikes of sensor r in hour slots [h0, h1]: a chunk's readings scan its hours once, and its ground truth
   * reuses that scan (a few spikes a month, found among thousands of hours).
   */
  private spikesIn(s: SensorSpec, r: number, h0: number, h1: number): readonly Spike[] {
    const kept = this.spikeScans[r];
    if (kept && kept.h0 <= h0 && kept.h1 >= h1) return kept.spikes.filter((x) => x.h >= h0 && x.h <= h1);
    const spikes: Spike[] = [];
    for (let h = h0; h <= h1; h++) {
      const spike = this.spikeIn(s, h);
      if (spike) spikes.push(spike);
    }
    this.spikeScans[r] = { h0, h1, spikes };
    return spikes;
  }

  /** The spike of hour slot h, if it holds one: start, end and deviation from the reading in sensor-noise units. */
  private spikeIn(s: SensorSpec, h: number): Spike | undefined {
    // uniform(…) ≥ rate without the float: the hour holds no spike (all but a few in a thousand)
    if (hash3(this.seed, s.key ^ 0x5b1e, h) >= s.spikeRate * TWO_POW_32) return undefined;
    const start = h * MS_PER_HOUR + Math.floor(uniform(this.seed, s.key ^ 0x5b2e, h) * (MS_PER_HOUR / SECOND)) * SECOND;
    const seconds = SPIKE_MIN_S + Math.floor(uniform(this.seed, s.key ^ 0x5b3e, h) * (SPIKE_MAX_S - SPIKE_MIN_S + 1));
    const u = uniform(this.seed, s.key ^ 0x5b4e, h);
    // 6–20 times the sensor's noise (at least a few resolution steps), either way
    const deviation = (u < 0.5 ? -1 : 1) * (6 + 14 * ((2 * u) % 1));
    return { h, start, end: start + seconds * SECOND, deviation };
  }

  /**
   * Spikes that a grid (origin + k·interval) catches in [from, to), as ground truth: a spike between two
   * logged instants left no trace in the data, so it is not reported.
   */
  spikeEvents(pointIds: readonly string[], origin: number, interval: number, from: number, to: number): GroundTruthEvent[] {
    const events: GroundTruthEvent[] = [];
    this.specs.forEach((s, r) => {
      if (s.spikeRate === 0) return;
      for (const spike of this.spikesIn(s, r, Math.floor((from - SPIKE_MAX_S * SECOND) / MS_PER_HOUR), Math.ceil(to / MS_PER_HOUR) - 1)) {
        const h = spike.h;
        if (spike.end <= from || spike.start >= to) continue;
        const caught = origin + Math.ceil((spike.start - origin) / interval) * interval;
        if (caught >= spike.end || caught < from || caught >= to) continue;
        const id = pointIds[r]!;
        events.push({
          id: `spike:${id}:${h}`,
          type: 'spike',
          entityId: id,
          start: spike.start,
          end: spike.end,
          params: { noiseMultiple: Number(spike.deviation.toFixed(2)) },
        });
      }
    });
    return events;
  }

  /** Drift periods and the calibrations that end them, overlapping [from, to). */
  driftEvents(pointIds: readonly string[], from: number, to: number): GroundTruthEvent[] {
    const events: GroundTruthEvent[] = [];
    this.specs.forEach((s, r) => {
      const c = s.drift;
      if (c.cycle === 0) return;
      const first = Math.floor((from - this.epochMs - c.phase) / c.cycle);
      for (let n = first; this.epochMs + c.phase + n * c.cycle < to; n++) {
        const cycle = this.driftCycleEvents(s, r, pointIds[r]!, n);
        events.push(cycle.drift);
        if (cycle.end < to && cycle.end >= from) events.push(cycle.calibration);
      }
    });
    return events;
  }

  /** Calibration cycle n's drift event and the calibration that ends it (a cycle spans months of chunks: kept per sensor). */
  private driftCycleEvents(s: SensorSpec, r: number, id: string, n: number): DriftCycleEvents {
    const kept = this.driftKept[r];
    if (kept?.n === n && kept.drift.entityId === id) return kept;
    const c = s.drift;
    const start = this.epochMs + c.phase + n * c.cycle;
    const end = Math.round(start + c.cycle);
    const made: DriftCycleEvents = {
      n,
      end: start + c.cycle,
      drift: {
        id: `drift:${id}:${n}`,
        type: 'drift',
        entityId: id,
        start: Math.round(start),
        end,
        params: { ratePerMonth: Number(driftRatePerMonth(this.seed, c, this.quality, n).toFixed(3)) },
      },
      calibration: {
        id: `calibration:${id}:${n + 1}`,
        type: 'calibration',
        entityId: id,
        start: end,
        end: end + 60_000,
        params: {
          offsetBefore: Number(driftOffsetInCycle(this.seed, c, this.quality, n, c.cycle).toFixed(3)),
          offsetAfter: Number(driftOffsetInCycle(this.seed, c, this.quality, n + 1, 0).toFixed(3)),
        },
      },
    };
    this.driftKept[r] = made;
    return made;
  }
}
