import type { SiteSpec, Topology } from '../model/topology.js';
import type { GroundTruthEvent } from './sample.js';
import { gaussian, hashString, uniform } from '../random/rng.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** longest event, so windows that started earlier are still looked at */
const MAX_SPAN = 16 * HOUR;

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

/**
 * Communication outages (stale blocks) and equipment faults/maintenance as
 * pure functions of (seed, group, time window): whether a window holds an
 * event, when it starts and how long it lasts come from hashing, so the
 * same events appear however a range is split.
 */
export class QualityEvents {
  private readonly staleGroups: Group[] = [];
  private readonly faultGroups: Group[] = [];
  private readonly equipIds: readonly string[];

  constructor(
    topology: Pick<Topology, 'site' | 'equips'>,
    private readonly seed: number,
  ) {
    const q: SiteSpec['quality'] = topology.site.quality;
    this.equipIds = topology.equips.map((e) => e.id);
    // stale: mean block ≈ 2.1 h; three quarters of it per controller, a quarter per AHU trunk
    const staleMeanH = 1.5 * Math.exp(0.8 ** 2 / 2);
    const perDay = (q.staleShare * 24) / staleMeanH;
    topology.equips.forEach((e, i) => {
      this.staleGroups.push({ id: e.id, key: hashString(`stale:${e.id}`), equips: [i], rate: perDay * 0.75 });
      // weather stations and meters fail too, but rarely are they serviced: treat all alike
      this.faultGroups.push({ id: e.id, key: hashString(`fault:${e.id}`), equips: [i], rate: (q.faultShare * 168) / 5 });
    });
    // a network trunk (an AHU's, carrying its VAV boxes) goes down as a whole now and then
    for (const owner of topology.equips) {
      const members = topology.equips.flatMap((e, i) => (e.trunk === owner.id ? [i] : []));
      if (members.length === 0) continue;
      this.staleGroups.push({ id: `${owner.id}-trunk`, key: hashString(`stale-trunk:${owner.id}`), equips: members, rate: perDay * 0.25 });
    }
  }

  /** Stale blocks overlapping [from, to). */
  staleBetween(from: number, to: number): QualityWindow[] {
    const out: QualityWindow[] = [];
    for (const g of this.staleGroups) {
      for (let d = Math.floor((from - MAX_SPAN) / DAY); d * DAY < to; d++) {
        if (uniform(this.seed, g.key, d) >= g.rate) continue;
        const start = d * DAY + Math.floor((uniform(this.seed, g.key ^ 0x5a5a, d) * DAY) / 1000) * 1000;
        const hours = Math.min(8, Math.max(0.25, 1.5 * Math.exp(0.8 * gaussian(this.seed, g.key ^ 0x3c3c, d))));
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
      for (let w = Math.floor((from - MAX_SPAN) / WEEK); w * WEEK < to; w++) {
        if (uniform(this.seed, g.key, w) >= Math.min(1, g.rate)) continue;
        const maintenance = uniform(this.seed, g.key ^ 0x77, w) < 0.5;
        const start = w * WEEK + Math.floor((uniform(this.seed, g.key ^ 0x1f1f, w) * WEEK) / 60_000) * 60_000;
        const hours = maintenance
          ? 2 + 6 * uniform(this.seed, g.key ^ 0x2e2e, w)
          : Math.min(16, Math.max(1, 3.5 * Math.exp(0.6 * gaussian(this.seed, g.key ^ 0x4d4d, w))));
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
}
