import type { SiteSpec, Topology } from '../model/topology.js';
import type { GroundTruthEvent } from './sample.js';
import { gaussian, hashString, mix, uniform } from '../random/rng.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/clock.js';

const WEEK = 7 * MS_PER_DAY;
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
  /** short gaps (a day window each) and long outages (a week window each) */
  private readonly shortGaps: GapGroup[] = [];
  private readonly outages: GapGroup[] = [];
  private readonly equipIds: readonly string[];
  private readonly staleMaxH: number;
  /** longest event of any kind, so windows that started earlier are still looked at */
  private readonly maxSpan: number;

  constructor(
    topology: Pick<Topology, 'site' | 'equips'>,
    private readonly seed: number,
  ) {
    const q: SiteSpec['quality'] = topology.site.quality;
    this.equipIds = topology.equips.map((e) => e.id);
    this.staleMaxH = q.staleMaxHours;
    this.maxSpan = Math.max(FAULT_MAX_H, q.staleMaxHours, OUTAGE_MAX_H) * MS_PER_HOUR;
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
    for (const g of this.staleGroups) {
      for (let d = Math.floor((from - this.maxSpan) / MS_PER_DAY); d * MS_PER_DAY < to; d++) {
        if (uniform(this.seed, g.key, d) >= g.rate) continue;
        const start = d * MS_PER_DAY + Math.floor((uniform(this.seed, g.key ^ 0x5a5a, d) * MS_PER_DAY) / 1000) * 1000;
        const draw = STALE_MEDIAN_H * Math.exp(STALE_SIGMA * gaussian(this.seed, g.key ^ 0x3c3c, d));
        const hours = Math.min(this.staleMaxH, Math.max(0.25, draw));
        const end = start + Math.round(hours * 60) * 60_000;
        if (end <= from || start >= to) continue;
        // one record per equipment affected, so every stale reading has ground truth on its own equip
        const cause = g.equips.length > 1 ? `network trunk outage (${g.id})` : 'controller offline';
        for (const e of g.equips) {
          const equipId = this.equipIds[e]!;
          out.push({
            event: { id: `stale:${g.id}:${d}:${equipId}`, type: 'stale', entityId: equipId, start, end, params: { cause } },
            equips: [e],
          });
        }
      }
    }
    return out;
  }

  /** Faults and maintenance (equipment off) overlapping [from, to). */
  faultsBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    for (const g of this.faultGroups) {
      for (let w = Math.floor((from - this.maxSpan) / WEEK); w * WEEK < to; w++) {
        if (uniform(this.seed, g.key, w) >= Math.min(1, g.rate)) continue;
        const maintenance = uniform(this.seed, g.key ^ 0x77, w) < 0.5;
        const start = w * WEEK + Math.floor((uniform(this.seed, g.key ^ 0x1f1f, w) * WEEK) / 60_000) * 60_000;
        const hours = maintenance
          ? 2 + 6 * uniform(this.seed, g.key ^ 0x2e2e, w)
          : Math.min(FAULT_MAX_H, Math.max(1, 3.5 * Math.exp(0.6 * gaussian(this.seed, g.key ^ 0x4d4d, w))));
        const end = start + Math.round(hours * 60) * 60_000;
        if (end <= from || start >= to) continue;
        out.push({
          event: {
            id: `fault:${g.id}:${w}`,
            type: maintenance ? 'maintenance' : 'fault',
            entityId: g.id,
            start,
            end,
            params: { equipmentOff: true },
          },
          equips: g.equips,
        });
      }
    }
    return out;
  }

  /**
   * Historian gaps overlapping [from, to): windows in which no row was logged. Short ones (minutes: lost polls,
   * a controller or the collector restarting) in day windows, long outages (hours to days: the historian
   * server down, a network cut off) in week windows. One record per equipment affected, like stale blocks.
   */
  gapsBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    for (const g of this.shortGaps) {
      for (let d = Math.floor((from - 2 * MS_PER_HOUR) / MS_PER_DAY); d * MS_PER_DAY < to; d++) {
        // a Poisson count, at most three a day: rates are well below one
        for (let n = 0; n < 3; n++) {
          if (uniform(this.seed, mix(g.key, n), d) >= g.rate / (n + 1)) break;
          const start = d * MS_PER_DAY + Math.floor(uniform(this.seed, mix(g.key ^ 0x6a6a, n), d) * (MS_PER_DAY / 1000)) * 1000;
          // controller gaps median 5 min; site restarts median 20 min
          const median = g.scope === 'site' ? 20 : 5;
          const minutes = Math.min(120, Math.max(1, median * Math.exp(0.7 * gaussian(this.seed, mix(g.key ^ 0x6b6b, n), d))));
          const end = start + Math.round(minutes * 60) * 1000;
          if (end <= from || start >= to) continue;
          const cause = g.scope === 'site' ? 'historian restart' : 'polls lost';
          this.pushGap(out, g, `${d}.${n}`, start, end, cause);
        }
      }
    }
    for (const g of this.outages) {
      for (let w = Math.floor((from - this.maxSpan) / WEEK); w * WEEK < to; w++) {
        if (uniform(this.seed, g.key, w) >= Math.min(1, g.rate)) continue;
        const start = w * WEEK + Math.floor((uniform(this.seed, g.key ^ 0x7a7a, w) * WEEK) / MS_PER_MINUTE) * MS_PER_MINUTE;
        const hours = Math.min(
          OUTAGE_MAX_H,
          Math.max(1, OUTAGE_MEDIAN_H * Math.exp(OUTAGE_SIGMA * gaussian(this.seed, g.key ^ 0x7b7b, w))),
        );
        const end = start + Math.round(hours * 60) * MS_PER_MINUTE;
        if (end <= from || start >= to) continue;
        this.pushGap(out, g, `w${w}`, start, end, g.scope === 'site' ? 'historian outage' : 'network outage');
      }
    }
    return out;
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
