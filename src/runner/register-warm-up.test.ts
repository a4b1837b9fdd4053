import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { loadProfile } from '../profile/load-profile.js';
import { Engine } from '../sim/engine.js';
import { extendCheckpoint, initialCheckpoint, registerSpecs } from '../sim/registers.js';
import { engineChunks, openEngineThread } from './chunk-source.js';
import { warmUpRegisters } from './register-warm-up.js';

const DAY = 86_400_000;
const loaded = await loadProfile(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'profiles', 'small-office.yaml'),
  EQUIPMENT_TYPES,
);
const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
const profile = { text: loaded.text, file: loaded.source };
const options = { seed: 1, intervalMs: 900_000, epochMs: Date.parse(loaded.profile.simulation.epoch) };
const LATE = 45;

const identical = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('register warm-up', () => {
  it('gives the same readings with 1 worker, 2 workers and on this thread', async () => {
    const inThread = extendCheckpoint(
      initialCheckpoint(registerSpecs(model.points)),
      new Engine(model, topology, options).registerDayTotals(0, 20),
    );
    for (const workers of [1, 2]) {
      const warm = await warmUpRegisters(profile, options, model, 20, { workers });
      expect(warm.first).toBe(0);
      expect(identical(warm.readings, inThread.readings), `${workers} worker(s)`).toBe(true);
    }
  }, 120_000);

  it('hands the engine thread readings that give the chunk an engine integrating from the epoch gives', async () => {
    const engine = new Engine(model, topology, options);
    const index = engine.chunkOf(options.epochMs + LATE * DAY + 3_600_000);
    const expected = (await engineChunks(engine).computeChunk(index, -Infinity, Infinity)).batch;
    const thread = await openEngineThread(profile, options, model, { warmUpThreads: 2 });
    try {
      const got = (await thread.computeChunk(index, -Infinity, Infinity)).batch;
      expect(identical(got.values, expected.values)).toBe(true);
      expect(got.status).toEqual(expected.status);
    } finally {
      await thread.close();
    }
  }, 180_000);
});
