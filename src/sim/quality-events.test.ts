import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { loadProfile } from '../profile/load-profile.js';
import { buildModel } from '../model/build-model.js';
import type { Profile } from '../profile/schema.js';
import { Engine } from './engine.js';
import { QualityEvents, qualityEvents } from './quality-events.js';
import { Status } from './sample.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
const built = buildModel(profile, EQUIPMENT_TYPES);
const year = [Date.parse('2025-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z')] as const;

describe('quality events', () => {
  const q = new QualityEvents(built.topology, 1);

  it('hands one instance per topology and seed to every reader (the engine, the campus replay)', () => {
    const a = qualityEvents(built.topology, 7);
    expect(qualityEvents(built.topology, 7)).toBe(a);
    expect(qualityEvents(built.topology, 8)).not.toBe(a);
    expect(qualityEvents({ ...built.topology }, 7)).not.toBe(a);
    const faults = (e: QualityEvents) => e.faultsBetween(year[0], year[0] + 60 * DAY).map((w) => w.event.id);
    expect(faults(a)).toEqual(faults(new QualityEvents(built.topology, 7)));
  });

  it('draws stale blocks from a heavy tail: many short, some over 8 h, none over the cap', () => {
    const blocks = new Map<string, number>();
    for (let t = year[0]; t < year[1]; t += 30 * DAY) {
      for (const w of q.staleBetween(t, t + 30 * DAY)) blocks.set(w.event.id, (w.event.end - w.event.start) / HOUR);
    }
    const hours = [...blocks.values()];
    const over8 = hours.filter((h) => h > 8).length / hours.length;
    expect(hours.length).toBeGreaterThan(1000);
    expect(Math.max(...hours)).toBeLessThanOrEqual(profile.quality.staleMaxHours);
    expect(Math.max(...hours)).toBeGreaterThan(12);
    expect(over8).toBeGreaterThan(0.01);
    expect(over8).toBeLessThan(0.1);
    // no pile-up at any length: the most common whole-hour length is the shortest
    expect(hours.filter((h) => h >= 7.5 && h <= 8).length).toBeLessThan(hours.filter((h) => h < 1).length / 10);
  });

  it('gives the same gaps however a range is split, long outages included', () => {
    const ids = (ws: ReturnType<QualityEvents['gapsBetween']>) => new Set(ws.map((w) => w.event.id));
    const whole = ids(q.gapsBetween(year[0], year[1]));
    const pieces = new Set<string>();
    for (let t = year[0]; t < year[1]; t += 7 * DAY + 5 * HOUR)
      for (const id of ids(q.gapsBetween(t, Math.min(year[1], t + 7 * DAY + 5 * HOUR)))) pieces.add(id);
    expect(pieces).toEqual(whole);
    const events = q.gapsBetween(year[0], year[1]).map((w) => w.event);
    const outages = new Set(
      events
        .filter((e) => e.params.cause !== 'polls lost' && e.params.cause !== 'historian restart')
        .map((e) => e.params.group + String(e.start)),
    );
    // about two a year: a year may hold none or several
    expect(outages.size).toBeLessThan(10);
    const controller = events.filter((e) => e.params.scope === 'controller').length;
    // 0.3 per controller per day
    expect(controller / (built.topology.equips.length * 365)).toBeGreaterThan(0.2);
    expect(controller / (built.topology.equips.length * 365)).toBeLessThan(0.4);
  });

  it('makes no gaps when the profile asks for none', () => {
    const site = {
      ...built.topology.site,
      quality: { ...built.topology.site.quality, gaps: { controllerPerDay: 0, sitePerMonth: 0, outagesPerYear: 0, outageSiteShare: 0.6 } },
    };
    expect(new QualityEvents({ ...built.topology, site }, 1).gapsBetween(year[0], year[1])).toEqual([]);
  });
});

describe('change-of-value logging', () => {
  it('keeps a Bool row only on a change or at the heartbeat, the same in any split', async () => {
    // without historian gaps, every missing row is one the change-of-value log chose not to write
    const gaps = { controllerPerDay: 0, sitePerMonth: 0, outagesPerYear: 0, outageSiteShare: 0.6 };
    const cov = { ...profile, quality: { ...profile.quality, gaps, cov: { points: ['Bool'], heartbeatMinutes: 60 } } } as Profile;
    const m = buildModel(cov, EQUIPMENT_TYPES);
    const engine = () => new Engine(m.model, m.topology, { seed: 1, intervalMs: 60_000, epochMs: EPOCH });
    const start = Date.parse('2025-07-15T04:00:00Z');
    const e = engine();
    const chunk = e.computeChunk(e.chunkOf(start));
    const { timestamps, values, status } = chunk.batch;
    const T = timestamps.length;
    const bools = m.model.points.filter((p) => p.kind === 'Bool');
    expect(
      m.model.entities
        .find((d) => d.get('id')?.toString().includes(bools[0]!.id))
        ?.get('hisMode')
        ?.toString(),
    ).toBe('cov');
    let kept = 0;
    for (const p of bools) {
      let last = Number.NaN;
      let lastS = -1;
      for (let k = 0; k < T; k++) {
        const i = p.index * T + k;
        if (status[i] === Status.Missing) {
          // dropped only when nothing changed and no heartbeat was due
          if (!(k === 0 || (timestamps[k]! - EPOCH) % HOUR === 0)) expect(values[i]).toBe(last);
          continue;
        }
        kept++;
        last = values[i]!;
        lastS = status[i]!;
      }
      expect(lastS).toBeGreaterThanOrEqual(0);
    }
    expect(kept).toBeLessThan(bools.length * T * 0.5);
    expect(kept).toBeGreaterThanOrEqual(bools.length * 24);
    // live ticks (a few minutes at a time) see the same rows
    const live = engine();
    const c = e.chunkOf(start);
    for (let t = e.chunkStart(c); t < e.chunkStart(c) + 6 * HOUR; t += 7 * 60_000) {
      const piece = live.computeChunk(c, t, t + 7 * 60_000).batch;
      const n = piece.timestamps.length;
      const k0 = Math.round((piece.timestamps[0]! - timestamps[0]!) / 60_000);
      for (const p of bools) for (let k = 0; k < n; k++) expect(piece.status[p.index * n + k]).toBe(status[p.index * T + k0 + k]);
    }
  });
});
