import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import type { SampleBatch } from '../../sim/sample.js';
import { openPgliteClient } from '../pglite/pglite-client.js';
import { MAX_DECIMALS, VALUES_COPY_COLUMNS, ValuesCopyEncoder } from './copy-binary-encoder.js';
import { copyBuffer, type SqlClient } from './sql-client.js';

// The encoder's output is checked by the real Postgres engine (PGlite): what
// the server parses must equal what JS toFixed says independently.

const point = (index: number, kind: PointInfo['kind'], decimals: number): PointInfo => ({
  index,
  id: `p${index}`,
  key: `p${index}`,
  dis: `P${index}`,
  equipId: 'e',
  siteId: 's',
  kind,
  decimals,
  totalized: false,
});

/** One point per decimals value 0..MAX_DECIMALS, all with the same list of values. */
function numberBatch(values: readonly number[], decimalsList: readonly number[]): SampleBatch {
  const points = decimalsList.map((d, i) => point(i, 'Number', d));
  const n = values.length;
  const timestamps = Float64Array.from(values, (_, k) => Date.UTC(2026, 0, 1) + k * 60_000);
  const matrix = new Float64Array(points.length * n);
  points.forEach((_, p) => matrix.set(values, p * n));
  return { points, timestamps, values: matrix, status: new Uint8Array(matrix.length) };
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What Postgres should print for v with d decimals: toFixed, without JS's negative zero. */
function expectedText(v: number, d: number): string {
  const abs = Math.abs(v);
  const text = abs >= 1e21 ? `${BigInt(abs)}${d > 0 ? `.${'0'.repeat(d)}` : ''}` : abs.toFixed(d);
  return v < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

describe('ValuesCopyEncoder (binary COPY read by Postgres)', () => {
  let db: PGlite;
  let client: SqlClient;

  beforeAll(async () => {
    db = new PGlite();
    client = await openPgliteClient({ dataDir: '', instance: db, target: 'memory' });
    await client.exec(`CREATE TABLE v (entity_id int NOT NULL, ts timestamptz NOT NULL, value_n numeric, value_b bool,
      value_s varchar, value_ts timestamp, status varchar, value_dict jsonb)`);
  });
  afterAll(async () => {
    await db.close();
  });

  async function roundTrip(batch: SampleBatch, labels: (readonly string[] | undefined)[] = []) {
    await client.exec('TRUNCATE v');
    const ids = Int32Array.from(batch.points, (p) => 1000 + p.index);
    const data = new ValuesCopyEncoder(64).encode(batch, ids, labels);
    await copyBuffer(client, `COPY v (${VALUES_COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT binary)`, data);
    return client.query<{ entity_id: number; ts: string; n: string | null; b: boolean | null; s: string | null; status: string }>(
      `SELECT entity_id, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ts, value_n::text AS n,
              value_b AS b, value_s AS s, status FROM v ORDER BY entity_id, ts`,
    );
  }

  it('writes edge values exactly at every decimals setting', async () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      0.5,
      -0.5,
      9999,
      10000,
      10001,
      -10000,
      0.0001,
      -0.0001,
      0.99999,
      99999.99999,
      1e-12,
      72.3,
      -5,
      123456789.125,
      4294967296.5,
      2 ** 53 - 1,
      2 ** 53 + 2,
      1e20,
      -1e20,
      1.5e21,
      1e300,
    ];
    const decimals = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => d);
    const rows = await roundTrip(numberBatch(edges, decimals));
    const expected = decimals.flatMap((d) => edges.map((v) => expectedText(v, d)));
    expect(rows.map((r) => r.n)).toEqual(expected);
  });

  it('writes random engine-rounded values exactly (what toFixed prints)', async () => {
    const rnd = prng(20261123);
    const decimals = [0, 1, 2, 3, 4, 6];
    // per point the engine rounds to its own decimals first, so build values per decimals
    for (const d of decimals) {
      const values = Array.from({ length: 2000 }, () => {
        const magnitude = 10 ** Math.floor(rnd() * 10);
        return Number(((rnd() - 0.5) * 2 * magnitude).toFixed(d));
      });
      const rows = await roundTrip(numberBatch(values, [d]));
      expect(rows.map((r) => r.n)).toEqual(values.map((v) => expectedText(v, d)));
    }
  });

  it('writes unrounded doubles as toFixed rounds them', async () => {
    const rnd = prng(7);
    const values = Array.from({ length: 3000 }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 8));
    const decimals = [0, 1, 2, 4];
    const rows = await roundTrip(numberBatch(values, decimals));
    expect(rows.map((r) => r.n)).toEqual(decimals.flatMap((d) => values.map((v) => expectedText(v, d))));
  });

  it('writes NaN and infinities as NULL, keeps status names, ids and microsecond timestamps', async () => {
    const batch = numberBatch([NaN, Infinity, -Infinity, 1.25], [2]);
    const status = Uint8Array.from([0, 1, 2, 5]);
    const rows = await roundTrip({ ...batch, status });
    expect(rows).toEqual([
      { entity_id: 1000, ts: '2026-01-01T00:00:00.000000', n: null, b: null, s: null, status: 'ok' },
      { entity_id: 1000, ts: '2026-01-01T00:01:00.000000', n: null, b: null, s: null, status: 'stale' },
      { entity_id: 1000, ts: '2026-01-01T00:02:00.000000', n: null, b: null, s: null, status: 'fault' },
      { entity_id: 1000, ts: '2026-01-01T00:03:00.000000', n: '1.25', b: null, s: null, status: 'unknown' },
    ]);
  });

  it('writes timestamps before 2000 and with sub-millisecond precision', async () => {
    const batch = numberBatch([1], [0]);
    const rows = await roundTrip({ ...batch, timestamps: Float64Array.of(Date.UTC(1999, 11, 31, 23, 59, 59) + 0.5) });
    expect(rows[0].ts).toBe('1999-12-31T23:59:59.000500');
  });

  it('writes Bool points to value_b and Str points as enum names, else as number text', async () => {
    const points = [point(0, 'Bool', 0), point(1, 'Str', 0), point(2, 'Str', 1)];
    const values = Float64Array.of(1, 0, NaN, 2, 0, 7, 3.5, NaN, 1);
    const batch: SampleBatch = {
      points,
      timestamps: Float64Array.of(0, 60_000, 120_000).map((t) => t + Date.UTC(2026, 0, 1)),
      values,
      status: new Uint8Array(9),
    };
    const rows = await roundTrip(batch, [undefined, ['off', 'heat', 'cool']]);
    expect(rows.map((r) => [r.entity_id, r.n, r.b, r.s])).toEqual([
      [1000, null, true, null],
      [1000, null, false, null],
      [1000, null, null, null],
      [1001, null, null, 'cool'],
      [1001, null, null, 'off'],
      [1001, null, null, '7'],
      [1002, null, null, '3.5'],
      [1002, null, null, null],
      [1002, null, null, '1.0'],
    ]);
  });

  it('grows its buffer for large chunks and reuses it', async () => {
    const values = Array.from({ length: 50_000 }, (_, k) => k / 10);
    const rows = await roundTrip(numberBatch(values, [1]));
    expect(rows.length).toBe(50_000);
    expect(rows[49_999].n).toBe('4999.9');
    const again = await roundTrip(numberBatch([3], [0]));
    expect(again.map((r) => r.n)).toEqual(['3']);
  });

  it('gives the same bytes in pieces as in one buffer, each piece its own, missing rows and empty batches included', () => {
    const values = Array.from({ length: 1000 }, (_, k) => k / 3);
    const batch = numberBatch(values, [0, 1, 2, 3, 4]);
    for (let i = 0; i < batch.status.length; i += 7) batch.status[i] = 6; // Status.Missing
    const ids = Int32Array.from(batch.points, (_, i) => 100 + i);
    const whole = Buffer.from(new ValuesCopyEncoder().encode(batch, ids));
    const encoder = new ValuesCopyEncoder(64);
    for (const rows of [1, 999, 1000, 1001, 4096, 1e9]) {
      const pieces = [...encoder.pieces(batch, ids, [], rows)];
      expect(pieces.length).toBe(Math.ceil(batch.values.length / Math.min(rows, batch.values.length)));
      expect(Buffer.concat(pieces).equals(whole)).toBe(true);
    }
    const empty = numberBatch([], [1, 2]);
    const none = new Int32Array(2);
    expect(Buffer.concat([...encoder.pieces(empty, none)]).equals(Buffer.from(new ValuesCopyEncoder().encode(empty, none)))).toBe(true);
  });
});
