// An engine asked for some equipment only (a shard's, an --equip selection's) skips later physics stages and
// other points' sensors; the rows it is asked for must be the whole engine's, byte for byte, for every type.
import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { loadProfile } from '../profile/load-profile.js';
import { Engine } from './engine.js';

const DAY = 86_400_000;

describe.each(['office-tower', 'industrial-campus'])('an engine for one equipment of each type (%s)', (name) => {
  it('gives that equipment the whole run’s values and status', async () => {
    const { profile } = await loadProfile(name, EQUIPMENT_TYPES);
    const { model, topology } = buildModel(profile, EQUIPMENT_TYPES);
    const options = { seed: 3, intervalMs: 900_000, epochMs: Date.parse(profile.simulation.epoch) };
    const whole = new Engine(model, topology, options);
    // a day near the epoch: the registers integrate from it
    const chunk = whole.chunkOf(options.epochMs + 3 * DAY);
    const all = whole.computeChunk(chunk).batch;
    const T = all.timestamps.length;
    // the last equipment of each type: meters and panels sit at the end of long feeder chains
    const picks = new Map(topology.equips.map((e) => [e.type, e.id]));
    expect(picks.size).toBeGreaterThan(name === 'office-tower' ? 10 : 19);
    for (const [type, id] of picks) {
      const only = new Engine(model, topology, { ...options, equipIds: [id] }).computeChunk(chunk).batch;
      const rows = model.points.filter((p) => p.equipId === id);
      expect(rows.length, type).toBeGreaterThan(0);
      for (const p of rows) {
        const span = [p.index * T, (p.index + 1) * T] as const;
        expect(Array.from(only.values.subarray(...span)), `${type} ${p.id}`).toEqual(Array.from(all.values.subarray(...span)));
        expect(Array.from(only.status.subarray(...span)), `${type} ${p.id}`).toEqual(Array.from(all.status.subarray(...span)));
      }
    }
  }, 300_000);
});
