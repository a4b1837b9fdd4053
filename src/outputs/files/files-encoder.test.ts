import { HDict, HMarker, HNum, HRef, HStr } from 'haystack-core';
import { describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import type { SampleBatch } from '../../sim/sample.js';
import { entitiesGrid, eventsCsv, HistoryCsvEncoder } from './files-encoder.js';
import { entityType, enumLabels } from '../../model/entity-facts.js';

const point = (index: number, over: Partial<PointInfo> = {}): PointInfo => ({
  index,
  id: `p${index}`,
  key: `k${index}`,
  dis: `P${index}`,
  equipId: 'e',
  siteId: 's',
  kind: 'Number',
  decimals: 1,
  totalized: false,
  ...over,
});

function batch(points: PointInfo[], timestamps: number[], values: number[], status?: number[]): SampleBatch {
  return {
    points,
    timestamps: Float64Array.from(timestamps),
    values: Float64Array.from(values),
    status: Uint8Array.from(status ?? values.map(() => 0)),
  };
}

function encodeAll(encoder: HistoryCsvEncoder, b: SampleBatch): { text: string; rows: number; views: number } {
  const parts: Buffer[] = [];
  const run = encoder.encode(b);
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return { text: Buffer.concat(parts).toString('utf8'), rows: step.value, views: parts.length };
    parts.push(Buffer.from(step.value));
  }
}

/** Deterministic values spread over magnitudes, rounded to `decimals` the way the engine reports them. */
function roundedValues(decimals: number, count: number): number[] {
  let x = 12345;
  const out = [0, -0, 0.5, -0.5, 2.5, 1e12 + 0.25, -(10 ** -decimals)];
  while (out.length < count) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const magnitude = 10 ** ((x % 13) - 4);
    out.push(((x / 2 ** 31) * 2 - 1) * magnitude);
  }
  return out.map((v) => Math.round(v * 10 ** decimals) / 10 ** decimals);
}

describe('HistoryCsvEncoder', () => {
  it('writes every rounded number exactly as toFixed(decimals) does', () => {
    for (let decimals = 0; decimals <= 6; decimals++) {
      const values = roundedValues(decimals, 20_000);
      const p = point(0, { decimals });
      const { text } = encodeAll(
        new HistoryCsvEncoder([p]),
        batch(
          [p],
          values.map((_, k) => k * 1000),
          values,
        ),
      );
      const written = text
        .split('\n')
        .slice(0, -1)
        .map((line) => line.split(',')[2]);
      expect(written).toEqual(values.map((v) => v.toFixed(decimals)));
    }
  });

  it('falls back to toFixed for magnitudes beyond exact integers and for many decimals', () => {
    const p = point(0, { decimals: 2 });
    const q = point(1, { decimals: 12 });
    const { text } = encodeAll(new HistoryCsvEncoder([p, q]), batch([p, q], [0], [-3e17, 0.123456789012]));
    expect(text.split('\n').map((l) => l.split(',')[2])).toEqual(['-300000000000000000.00', '0.123456789012', undefined]);
  });

  it('orders rows by timestamp then point and writes Bool, enum names, NaN and statuses', () => {
    const points = [point(0, { id: 'a,b' }), point(1, { kind: 'Bool' }), point(2, { kind: 'Str', decimals: 0 })];
    const labels = new Map([['p2', ['off', 'on, "really"']]]);
    const b = batch(points, [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 0, 1, 5)], [1.25, NaN, 0, 2, 1, 3], [0, 1, 2, 3, 4, 250]);
    const { text, rows } = encodeAll(new HistoryCsvEncoder(points, labels), b);
    expect(rows).toBe(6);
    expect(text).toBe(
      `${[
        '2026-01-01T00:00:00.000Z,"a,b",1.3,ok', // 1.25 is not a value the engine reports at 1 decimal; toFixed(1) also gives 1.3
        '2026-01-01T00:00:00.000Z,p1,false,fault',
        '2026-01-01T00:00:00.000Z,p2,"on, ""really""",disabled',
        '2026-01-01T00:00:01.005Z,"a,b",,stale',
        '2026-01-01T00:00:01.005Z,p1,true,down',
        '2026-01-01T00:00:01.005Z,p2,3,unknown',
      ].join('\n')}\n`,
    );
  });

  it('splits into views of whole rows that stay valid until the second next()', () => {
    const points = [point(0), point(1, { id: 'a-much-longer-point-id.zoneTemp' })];
    const steps = 500;
    const values = Array.from({ length: 2 * steps }, (_, i) => (i % 7) - 3.5);
    const b = batch(
      points,
      Array.from({ length: steps }, (_, k) => k * 60_000),
      values,
    );
    const whole = encodeAll(new HistoryCsvEncoder(points), b);
    const small = new HistoryCsvEncoder(points, new Map(), 1024);
    const run = small.encode(b);
    const parts: Buffer[] = [];
    let previous: { view: Uint8Array; copy: Buffer } | undefined;
    for (let step = run.next(); !step.done; step = run.next()) {
      if (previous) expect(Buffer.from(previous.view).equals(previous.copy)).toBe(true);
      expect(step.value[step.value.length - 1]).toBe(0x0a);
      parts.push(Buffer.from(step.value));
      previous = { view: step.value, copy: Buffer.from(step.value) };
    }
    expect(parts.length).toBeGreaterThan(20);
    expect(Buffer.concat(parts).toString()).toBe(whole.text);
    expect(whole.text.split('\n')).toHaveLength(2 * steps + 1);
  });

  it('encodes an empty batch as nothing', () => {
    const p = point(0);
    expect(encodeAll(new HistoryCsvEncoder([p]), batch([p], [], []))).toEqual({ text: '', rows: 0, views: 0 });
  });
});

describe('CSV and entity helpers', () => {
  it('writes events with params sorted by key', () => {
    const e = { id: 'drift:x', type: 'drift', entityId: 'x', start: 0, end: 60_000, params: { rate: 0.5, axis: 'y' } };
    expect(eventsCsv([e])).toBe('drift:x,drift,x,1970-01-01T00:00:00.000Z,1970-01-01T00:01:00.000Z,"{""axis"":""y"",""rate"":0.5}"\n');
  });

  it('types entities by marker, reads enum names, and puts id and dis first in the grid', () => {
    const m = HMarker.make();
    const entities = [
      HDict.make({ id: HRef.make('w'), weatherStation: m, dis: HStr.make('Weather') }),
      HDict.make({ id: HRef.make('r1'), space: m, floor: m, area: HNum.make(20, 'm²') }),
      HDict.make({ id: HRef.make('p'), point: m, enum: HStr.make('off, low,high') }),
      HDict.make({ id: HRef.make('x'), custom: m }),
    ];
    expect(entities.map(entityType)).toEqual(['weatherStation', 'space', 'point', 'other']);
    expect([...enumLabels(entities)]).toEqual([['p', ['off', 'low', 'high']]]);
    expect(
      entitiesGrid(entities)
        .getColumns()
        .map((c) => c.name),
    ).toEqual(['id', 'dis', 'area', 'custom', 'enum', 'floor', 'point', 'space', 'weatherStation']);
  });
});
