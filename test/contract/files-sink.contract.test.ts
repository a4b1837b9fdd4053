import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesSink } from '../../src/outputs/files/files-sink.js';
import { describeSinkContract } from './sink-contract.js';
import type { SinkHarness } from './sink-contract.js';
import type { HistoryRecord } from './sink-contract-fixture.js';

/** CSV rows as header-keyed records; quoted fields may hold commas and doubled quotes, not newlines. */
async function csvRecords(path: string): Promise<Record<string, string>[]> {
  const text = await readFile(path, 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${path} does not end with a newline`);
  const [header, ...rows] = text
    .slice(0, -1)
    .split('\n')
    .map((line) =>
      [...`${line},`.matchAll(/("(?:[^"]|"")*"|[^,"]*),/gy)].map(([, f]) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f)),
    );
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`${path}: ${r.length} fields under a ${header.length}-field header`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}

function typedValue(kind: string | undefined, text: string): HistoryRecord['value'] {
  if (text === '') return null;
  if (kind === 'Number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (kind === 'Bool' && (text === 'true' || text === 'false')) return text === 'true';
  if (kind === 'Str') return text;
  throw new Error(`value ${JSON.stringify(text)} is not a ${kind}`);
}

async function filesHarness(): Promise<SinkHarness> {
  const root = await mkdtemp(join(tmpdir(), 'haysim-files-contract-'));
  const dir = join(root, 'out');
  const records = (name: string) => csvRecords(join(dir, name));
  return {
    createSink: () => new FilesSink({ dir }),
    async readHistory() {
      const kinds = new Map((await records('points.csv')).map((p) => [p.id, p.kind]));
      return (await records('history.csv')).map((r) => {
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(r.ts)) throw new Error(`ts ${r.ts} is not ISO 8601 UTC`);
        return { ts: Date.parse(r.ts), pointId: r.point_id, value: typedValue(kinds.get(r.point_id), r.value), status: r.status };
      });
    },
    readEventIds: async () => (await records('events.csv')).map((e) => e.id),
    readPoints: async () =>
      (await records('points.csv')).map((p) => ({ id: p.id, unit: p.unit === '' ? null : p.unit, decimals: Number(p.decimals) })),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

describeSinkContract('files', filesHarness);
