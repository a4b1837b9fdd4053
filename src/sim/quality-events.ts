import type { SiteSpec, Topology } from '../model/topology.js';
import type { GroundTruthEvent } from './sample.js';
import { gaussian, hashString, mix, uniform } from '../random/rng.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/clock.js';
import { DEGRADATIONS, FaultCode, type DegradationEntry, type DegradationKind } from './fault-catalog.js';
import { pointId } from '../model/topology.js';

const WEEK = 7 * MS_PER_DAY;
/** periods' draws kept: a chunk's lookups reach back up to 7 days (the longest block) before its own */
const WINDOWS_KEPT = 12;
/** degradations: at most one per equipment per 28-day window, inside the window (so they never overlap) */
const DEGRADATION_WINDOW = 28 * MS_PER_DAY;
const DEGRADATION_MAX_H = 336;
/** longest fault or maintenance, hours */
const FAULT_MAX_H = 16;
/** stale blocks: log-normal hours, median 1 h, σ 1.25 (mean ≈ 2.2 h; 4 % over 8 h, 0.3 % over a day) */
const STALE_MEDIAN_H = 1;
const STALE_SIGMA = 1.25;
/** long historian outages: log-normal hours, median 16 h (a night, a weekend), up to five days */
const OUTAGE_MEDIAN_H = 16;
const OUTAGE_SIGMA = 0.9;
const OUTAGE_MAX_H = 120;

export interface QualityWindow {
  readonly event: GroundTruthEvent;
  /** topology indexes of the equipment whose points it affects */
  readonly equips: readonly number[];
  /** what kind of fault (FaultCode.None for stale blocks and gaps) */
  readonly code?: FaultCode;
  /** the one parameter the physics reads (the kind's) */
  readonly value?: number;
  /** for a sensor fault: the id of the point it is on (its equip's other points are unaffected) */
  readonly point?: string;
  /** the status its readings carry: fault (equipment off, a failed sensor) or ok */
  readonly status?: 'ok' | 'fault';
}

interface DegradationGroup {
  readonly equip: number;
  readonly key: number;
  /** the kinds that befall it, with their probability per window (cumulative) and duration range */
  readonly kinds: readonly {
    readonly name: DegradationKind;
    readonly entry: DegradationEntry;
    readonly p: number;
    readonly hours: readonly [number, number];
  }[];
}

interface Group {
  readonly id: string;
  readonly key: number;
  readonly equips: readonly number[];
  readonly rate: number;
}

/** What a gap group is: its cause in the ground truth. */
interface GapGroup extends Group {
  readonly scope: 'controller' | 'site' | 'network';
}

/**
 * Communication outages (stale blocks) and equipment faults/maintenance as
 * pure functions of (seed, group, time window): whether a window holds an
 * event, when it starts and how long it lasts come from hashing, so the
 * same events appear however a range is split.
 */
export class QualityEvents {
  private readonly staleGroups: Group[] = [];
  private readonly faultGroups: Group[] = [];
  private readonly degradationGroups: DegradationGroup[] = [];
  private readonly equipTypes: readonly string[];
  /** each equipment's point keys */
  private readonly equipPoints: readonly ReadonlySet<string>[];
  /** short gaps (a day window each) and long outages (a week window each) */
  private readonly shortGaps: GapGroup[] = [];
  private readonly outages: GapGroup[] = [];
  private readonly equipIds: readonly string[];
  private readonly staleMaxH: number;
  /** longest event of any kind, so windows that started earlier are still looked at */
  private readonly maxSpan: number;
  /** the windows drawn per week and per degradation window: every chunk asks for the same few again */
  private readonly staleDays = new DrawnWindows((d) => this.staleOfDay(d));
  private readonly gapDays = new DrawnWindows((d) => this.gapsOfDay(d));
  private readonly outageWeeks = new DrawnWindows((w) => this.outagesOfWeek(w));
  private readonly faultWeeks = new DrawnWindows((w) => this.faultsOfWeek(w));
  private readonly degradationWindows = new DrawnWindows((w) => this.degradationsOfWindow(w));

  constructor(
    topology: Pick<Topology, 'site' | 'equips'>,
    private readonly seed: number,
  ) {
    const q: SiteSpec['quality'] = topology.site.quality;
    this.equipIds = topology.equips.map((e) => e.id);
    this.equipTypes = topology.equips.map((e) => e.type);
    this.equipPoints = topology.equips.map((e) => new Set(e.points.map((t) => t.key)));
    this.staleMaxH = q.staleMaxHours;
    this.maxSpan = Math.max(FAULT_MAX_H, q.staleMaxHours, OUTAGE_MAX_H) * MS_PER_HOUR;
    // (degradations are looked up by their own windows: each lies inside one)
    // stale: three quarters of it per controller, a quarter per AHU trunk
    const staleMeanH = STALE_MEDIAN_H * Math.exp(STALE_SIGMA ** 2 / 2);
    const perDay = (q.staleShare * 24) / staleMeanH;
    const gaps = q.gaps;
    topology.equips.forEach((e, i) => {
      this.staleGroups.push({ id: e.id, key: hashString(`stale:${e.id}`), equips: [i], rate: perDay * 0.75 });
      // weather stations and meters fail too, but rarely are they serviced: treat all alike
      this.faultGroups.push({ id: e.id, key: hashString(`fault:${e.id}`), equips: [i], rate: (q.faultShare * 168) / 5 });
      if (gaps.controllerPerDay > 0) {
        this.shortGaps.push({ id: e.id, key: hashString(`gap:${e.id}`), equips: [i], rate: gaps.controllerPerDay, scope: 'controller' });
      }
    });
    // degradations: each kind rated per year per equipment it applies to (a 28-day window holds one at most)
    const rates = q.faults;
    topology.equips.forEach((e, i) => {
      let p = 0;
      const kinds = [];
      for (const name of Object.keys(DEGRADATIONS) as DegradationKind[]) {
        const entry = DEGRADATIONS[name];
        const rate = rates[name];
        if (!entry.types.includes(e.type) || rate.perYear <= 0) continue;
        if (entry.sensor && !e.points.some((t) => t.key === entry.sensor!(e.type))) continue;
        p += (rate.perYear * DEGRADATION_WINDOW) / (365 * MS_PER_DAY);
        kinds.push({ name, entry, p, hours: rate.hours });
      }
      if (kinds.length > 0) this.degradationGroups.push({ equip: i, key: hashString(`degradation:${e.id}`), kinds });
    });
    const all = topology.equips.map((_, i) => i);
    const site = topology.site.site.id;
    if (gaps.sitePerMonth > 0) {
      this.shortGaps.push({ id: site, key: hashString(`gap-site:${site}`), equips: all, rate: gaps.sitePerMonth / 30, scope: 'site' });
    }
    const outagesPerWeek = (gaps.outagesPerYear * 7) / 365;
    if (outagesPerWeek > 0 && gaps.outageSiteShare > 0) {
      const rate = outagesPerWeek * gaps.outageSiteShare;
      this.outages.push({ id: site, key: hashString(`outage-site:${site}`), equips: all, rate, scope: 'site' });
    }
    // a network trunk (an AHU's, carrying its VAV boxes) goes down as a whole now and then
    const trunks = topology.equips.flatMap((owner) => {
      const members = topology.equips.flatMap((e, i) => (e.trunk === owner.id ? [i] : []));
      return members.length > 0 ? [{ owner, members }] : [];
    });
    for (const { owner, members } of trunks) {
      this.staleGroups.push({ id: `${owner.id}-trunk`, key: hashString(`stale-trunk:${owner.id}`), equips: members, rate: perDay * 0.25 });
      if (outagesPerWeek > 0 && gaps.outageSiteShare < 1) {
        const rate = (outagesPerWeek * (1 - gaps.outageSiteShare)) / trunks.length;
        this.outages.push({
          id: `${owner.id}-trunk`,
          key: hashString(`outage-trunk:${owner.id}`),
          equips: members,
          rate,
          scope: 'network',
        });
      }
    }
  }

  /** Stale blocks overlapping [from, to). */
  staleBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    const first = Math.floor((from - this.maxSpan) / MS_PER_DAY);
    for (let g = 0; g < this.staleGroups.length; g++)
      for (let d = first; d * MS_PER_DAY < to; d++) this.staleDays.overlapping(d, g, from, to, out);
    return out;
  }

  /** Each stale group's block drawn on day `d`: one record per equipment affected, so every stale reading has ground truth on its own equip. */
  private staleOfDay(d: number): QualityWindow[][] {
    return this.staleGroups.map((g) => {
      if (uniform(this.seed, g.key, d) >= g.rate) return [];
      const start = d * MS_PER_DAY + Math.floor((uniform(this.seed, g.key ^ 0x5a5a, d) * MS_PER_DAY) / 1000) * 1000;
      const draw = STALE_MEDIAN_H * Math.exp(STALE_SIGMA * gaussian(this.seed, g.key ^ 0x3c3c, d));
      const hours = Math.min(this.staleMaxH, Math.max(0.25, draw));
      const end = start + Math.round(hours * 60) * 60_000;
      const cause = g.equips.length > 1 ? `network trunk outage (${g.id})` : 'controller offline';
      return g.equips.map((e) => {
        const equipId = this.equipIds[e]!;
        return {
          event: { id: `stale:${g.id}:${d}:${equipId}`, type: 'stale', entityId: equipId, start, end, params: { cause } },
          equips: [e],
        };
      });
    });
  }

  /** Faults and maintenance (equipment off) overlapping [from, to). */
  faultsBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    const first = Math.floor((from - this.maxSpan) / WEEK);
    for (let g = 0; g < this.faultGroups.length; g++) {
      for (let w = first; w * WEEK < to; w++) this.faultWeeks.overlapping(w, g, from, to, out);
    }
    this.degradationsBetween(from, to, out);
    return out;
  }

  /** Each fault group's outage or maintenance window drawn in week `w` (none, or one). */
  private faultsOfWeek(w: number): QualityWindow[][] {
    return this.faultGroups.map((g) => {
      if (uniform(this.seed, g.key, w) >= Math.min(1, g.rate)) return [];
      const maintenance = uniform(this.seed, g.key ^ 0x77, w) < 0.5;
      const start = w * WEEK + Math.floor((uniform(this.seed, g.key ^ 0x1f1f, w) * WEEK) / 60_000) * 60_000;
      const hours = maintenance
        ? 2 + 6 * uniform(this.seed, g.key ^ 0x2e2e, w)
        : Math.min(FAULT_MAX_H, Math.max(1, 3.5 * Math.exp(0.6 * gaussian(this.seed, g.key ^ 0x4d4d, w))));
      const end = start + Math.round(hours * 60) * 60_000;
      const win: QualityWindow = {
        event: {
          id: `fault:${g.id}:${w}`,
          type: maintenance ? 'maintenance' : 'fault',
          entityId: g.id,
          start,
          end,
          params: { kind: 'equipment-off', equipmentOff: true },
        },
        equips: g.equips,
        code: FaultCode.EquipmentOff,
        value: 0,
        status: 'fault',
      };
      return [win];
    });
  }

  /**
   * Degradations overlapping [from, to): per equipment and 28-day window, one kind at most, drawn by
   * its rate; its start and duration so that it ends inside the window; its parameters from the catalog.
   */
  private degradationsBetween(from: number, to: number, out: QualityWindow[]): void {
    const first = Math.floor(from / DEGRADATION_WINDOW);
    for (let g = 0; g < this.degradationGroups.length; g++) {
      for (let w = first; w * DEGRADATION_WINDOW < to; w++) this.degradationWindows.overlapping(w, g, from, to, out);
    }
  }

  /** Each degradation group's fault drawn in 28-day window `w` (none, or one). */
  private degradationsOfWindow(w: number): QualityWindow[][] {
    return this.degradationGroups.map((g) => {
      const last = g.kinds[g.kinds.length - 1]!.p;
      const u = uniform(this.seed, g.key, w);
      if (u >= Math.min(1, last)) return [];
      const kind = g.kinds.find((k) => u < k.p)!;
      const [lo, hi] = kind.hours;
      const hours = Math.min(DEGRADATION_MAX_H, lo * (Math.max(lo, hi) / lo) ** uniform(this.seed, g.key ^ 0xd1, w));
      const span = Math.round(hours * 60) * MS_PER_MINUTE;
      const start =
        w * DEGRADATION_WINDOW +
        Math.floor((uniform(this.seed, g.key ^ 0xd2, w) * Math.max(0, DEGRADATION_WINDOW - span)) / MS_PER_MINUTE) * MS_PER_MINUTE;
      const end = start + span;
      const draw = kind.entry.draw((i) => uniform(this.seed, mix(g.key ^ 0xd3, i), w));
      const equipId = this.equipIds[g.equip]!;
      const sensor = kind.entry.sensor?.(this.equipTypes[g.equip]!);
      const point = sensor === undefined ? undefined : pointId(equipId, sensor);
      const own = this.equipPoints[g.equip]!;
      const signature = kind.entry.signature.filter((key) => own.has(key)).map((key) => pointId(equipId, key));
      const win: QualityWindow = {
        event: {
          id: `fault:${kind.name}:${equipId}:${w}`,
          type: 'fault',
          entityId: point ?? equipId,
          start,
          end,
          params: {
            kind: kind.name,
            ...draw.params,
            status: kind.entry.status,
            ...(point || signature.length ? { points: (point ? [point] : signature).join(',') } : {}),
          },
        },
        equips: [g.equip],
        code: kind.entry.code,
        value: draw.value,
        ...(point ? { point } : {}),
        status: kind.entry.status,
      };
      return [win];
    });
  }

  /**
   * Historian gaps overlapping [from, to): windows in which no row was logged. Short ones (minutes: lost polls,
   * a controller or the collector restarting) in day windows, long outages (hours to days: the historian
   * server down, a network cut off) in week windows. One record per equipment affected, like stale blocks.
   */
  gapsBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    const firstDay = Math.floor((from - 2 * MS_PER_HOUR) / MS_PER_DAY);
    for (let g = 0; g < this.shortGaps.length; g++)
      for (let d = firstDay; d * MS_PER_DAY < to; d++) this.gapDays.overlapping(d, g, from, to, out);
    const firstWeek = Math.floor((from - this.maxSpan) / WEEK);
    for (let g = 0; g < this.outages.length; g++)
      for (let w = firstWeek; w * WEEK < to; w++) this.outageWeeks.overlapping(w, g, from, to, out);
    return out;
  }

  /** Each short-gap group's gaps on day `d`: a Poisson count, at most three a day (rates are well below one). */
  private gapsOfDay(d: number): QualityWindow[][] {
    return this.shortGaps.map((g) => {
      const out: QualityWindow[] = [];
      for (let n = 0; n < 3; n++) {
        if (uniform(this.seed, mix(g.key, n), d) >= g.rate / (n + 1)) break;
        const start = d * MS_PER_DAY + Math.floor(uniform(this.seed, mix(g.key ^ 0x6a6a, n), d) * (MS_PER_DAY / 1000)) * 1000;
        // controller gaps median 5 min; site restarts median 20 min
        const median = g.scope === 'site' ? 20 : 5;
        const minutes = Math.min(120, Math.max(1, median * Math.exp(0.7 * gaussian(this.seed, mix(g.key ^ 0x6b6b, n), d))));
        const end = start + Math.round(minutes * 60) * 1000;
        const cause = g.scope === 'site' ? 'historian restart' : 'polls lost';
        this.pushGap(out, g, `${d}.${n}`, start, end, cause);
      }
      return out;
    });
  }

  /** Each outage group's network or historian outage drawn in week `w` (none, or one per equipment). */
  private outagesOfWeek(w: number): QualityWindow[][] {
    return this.outages.map((g) => {
      const out: QualityWindow[] = [];
      if (uniform(this.seed, g.key, w) >= Math.min(1, g.rate)) return out;
      const start = w * WEEK + Math.floor((uniform(this.seed, g.key ^ 0x7a7a, w) * WEEK) / MS_PER_MINUTE) * MS_PER_MINUTE;
      const hours = Math.min(OUTAGE_MAX_H, Math.max(1, OUTAGE_MEDIAN_H * Math.exp(OUTAGE_SIGMA * gaussian(this.seed, g.key ^ 0x7b7b, w))));
      const end = start + Math.round(hours * 60) * MS_PER_MINUTE;
      this.pushGap(out, g, `w${w}`, start, end, g.scope === 'site' ? 'historian outage' : 'network outage');
      return out;
    });
  }

  private pushGap(out: QualityWindow[], g: GapGroup, slot: string, start: number, end: number, cause: string): void {
    for (const e of g.equips) {
      const equipId = this.equipIds[e]!;
      out.push({
        event: {
          id: `gap:${g.id}:${slot}:${equipId}`,
          type: 'gap',
          entityId: equipId,
          start,
          end,
          params: { scope: g.scope, cause, group: g.id, minutes: Math.round((end - start) / MS_PER_MINUTE) },
        },
        equips: [e],
      });
    }
  }
}

const shared = new WeakMap<object, Map<number, QualityEvents>>();

/**
 * The one QualityEvents of a topology's equipment and a seed: the engine and the campus's thermal replay
 * (campus-history.ts) read the same fault windows, so they share the draws and their memo.
 */
export function qualityEvents(topology: Pick<Topology, 'site' | 'equips'>, seed: number): QualityEvents {
  let bySeed = shared.get(topology);
  if (!bySeed) shared.set(topology, (bySeed = new Map()));
  let events = bySeed.get(seed);
  if (!events) bySeed.set(seed, (events = new QualityEvents(topology, seed)));
  return events;
}

/**
 * The last few periods' draws (a day's, a week's, a 28-day window's), by period index: each group's windows drawn
 * in it, in order. A chunk's lookups (and the next chunk's) ask for the same few periods again.
 */
class DrawnWindows {
  private readonly kept = new Map<number, readonly (readonly QualityWindow[])[]>();

  /** `draw(period)`: each group's windows drawn in the period */
  constructor(private readonly draw: (period: number) => QualityWindow[][]) {}

  /** Pushes onto `out` group g's windows of `period` that overlap [from, to). */
  overlapping(period: number, g: number, from: number, to: number, out: QualityWindow[]): void {
    for (const win of this.get(period)[g]!) if (win.event.end > from && win.event.start < to) out.push(win);
  }

  private get(w: number): readonly (readonly QualityWindow[])[] {
    let windows = this.kept.get(w);
    if (!windows) {
      windows = this.draw(w);
      if (this.kept.size >= WINDOWS_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(w, windows);
    }
    return windows;
  }
}
