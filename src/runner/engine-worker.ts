// Worker thread of the engine: builds the site model from the profile text
// with the built-in equipment types and computes what chunk-source.ts and
// register-warm-up.ts ask for, moving the typed arrays to the caller.
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { buildModel } from '../model/build-model.js';
import { parseProfile } from '../profile/load-profile.js';
import { Engine } from '../sim/engine.js';
import { serveCalls } from '../threads/worker-calls.js';
import type { ChunkReply, EngineOpened, EngineRequest } from './engine-protocol.js';

let engine: Engine | undefined;

serveCalls<EngineRequest>(
  async (request) => {
    if (request.op === 'open') {
      const { model, topology } = buildModel(parseProfile(request.profile.text, request.profile.file, EQUIPMENT_TYPES), EQUIPMENT_TYPES);
      engine = new Engine(model, topology, request.options);
      const opened: EngineOpened = { ids: model.points.map((p) => p.id), chunkMs: engine.chunkMs };
      return opened;
    }
    if (!engine) throw new Error('the engine thread is not open');
    if (request.op === 'day-totals') return engine.registerDayTotals(request.from, request.to);
    if (request.op === 'registers') return engine.seedRegisters(request.checkpoint);
    if (request.op === 'overrides') return engine.setOverrides(request.schedule);
    const { index, batch, events, complete } = engine.computeChunk(request.index, request.start, request.end);
    const reply: ChunkReply = { index, timestamps: batch.timestamps, values: batch.values, status: batch.status, events, complete };
    return reply;
  },
  // computeChunk and registerDayTotals hand out fresh arrays (never views of a cache), so moving their buffers takes nothing from them
  (result) => {
    if (result instanceof Float64Array) return [result.buffer as ArrayBuffer];
    const r = result as Partial<ChunkReply> | undefined;
    return r?.values instanceof Float64Array ? [r.timestamps!.buffer, r.values.buffer, r.status!.buffer].map((b) => b as ArrayBuffer) : [];
  },
);
