import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import type { Sink, WriteSummary } from '../outputs/output.js';
import { loadProfile } from '../profile/load-profile.js';
import type { Chunk } from '../sim/sample.js';
import { openEngineThread } from './chunk-source.js';
import { runGeneration } from './run-generation.js';

const DAY = 86_400_000;
const loaded = await loadProfile('test/fixtures/profiles/small-office.yaml', EQUIPMENT_TYPES);
const built = buildModel(loaded.profile, EQUIPMENT_TYPES);
const epochMs = Date.parse(loaded.profile.simulation.epoch);
const profile = { text: loaded.text, file: loaded.source };

/** Hashes every chunk it is given, in the order given, with its index: the run's bytes as a sink sees them. */
function hashingSink(): Sink & { readonly digest: () => string; readonly order: number[] } {
  const hash = createHash('sha256');
  const order: number[] = [];
  const summary: WriteSummary = { entities: {}, rowsWritten: 0, chunksWritten: 0, chunksSkipped: 0, eventsWritten: 0, location: 'memory' };
  return {
    name: 'hash',
    order,
    digest: () => hash.digest('hex'),
    open: async () => undefined,
    begin: async () => new Set<number>(),
    async writeChunk(chunk: Chunk) {
      order.push(chunk.index);
      const { timestamps, values, status } = chunk.batch;
      for (const a of [timestamps, values, status]) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      hash.update(JSON.stringify(chunk.events));
    },
    finish: async () => summary,
    close: async () => undefined,
  };
}

async function run(threads: number, start: number, days: number) {
  const sink = hashingSink();
  const run = { org: 't', profile: built.model.profile, seed: 3, intervalMs: 300_000, fingerprint: 'f', start, end: start + days * DAY };
  const chunks = await openEngineThread(profile, { seed: 3, intervalMs: run.intervalMs, epochMs }, built.model, {
    threads,
    warmUpThreads: threads,
  });
  try {
    await runGeneration({ ...built, epochMs, reset: false, sinks: [sink], run, chunks });
  } finally {
    await chunks.close();
  }
  return { digest: sink.digest(), order: sink.order };
}

describe('engine threads', () => {
  it('give the same chunks, in order, with 1, 2 and 3 threads (registers warmed up 40 days in)', async () => {
    const start = epochMs + 40 * DAY + 7 * 3_600_000;
    const one = await run(1, start, 4);
    expect(one.order.length).toBeGreaterThanOrEqual(4);
    expect(one.order).toEqual([...one.order].sort((a, b) => a - b));
    for (const threads of [2, 3]) {
      const many = await run(threads, start, 4);
      expect(many.order, `${threads} threads`).toEqual(one.order);
      expect(many.digest, `${threads} threads`).toBe(one.digest);
    }
  }, 240_000);
});
