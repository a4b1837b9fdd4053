import { describe, expect, it } from 'vitest';
import { CONTRACT_POINTS } from '../../test/contract/sink-contract-fixture.js';
import { batchShapeProblem, type SampleBatch } from './sample.js';

const [p0, p1] = CONTRACT_POINTS;

/** 2 points × 3 timestamps, sound unless a field is replaced. */
function batch(change: Partial<SampleBatch> = {}): SampleBatch {
  return {
    points: [p0!, p1!],
    timestamps: Float64Array.of(0, 60_000, 120_000),
    values: new Float64Array(6),
    status: new Uint8Array(6),
    ...change,
  };
}

describe('batchShapeProblem', () => {
  it('accepts a sound batch and an empty one', () => {
    expect(batchShapeProblem(batch(), 2)).toBeUndefined();
    expect(batchShapeProblem(batch({ timestamps: new Float64Array(0), values: new Float64Array(0), status: new Uint8Array(0) }), 2)).toBe(
      undefined,
    );
  });

  it.each([
    ['a point count other than the model', batch(), 3, '2 points; the model has 3'],
    ['points out of index order', batch({ points: [p1!, p0!] }), 2, `point ${p1!.id} has index 1 at position 0`],
    ['too few values', batch({ values: new Float64Array(5) }), 2, '5 values for 2 points × 3 timestamps'],
    ['too many statuses', batch({ status: new Uint8Array(7) }), 2, '7 statuses for 6 values'],
    ['timestamps out of order', batch({ timestamps: Float64Array.of(0, 120_000, 60_000) }), 2, 'strictly ascending at position 2'],
    ['a NaN timestamp', batch({ timestamps: Float64Array.of(0, Number.NaN, 120_000) }), 2, 'strictly ascending at position 1'],
  ])('names %s', (_, b, count, expected) => {
    expect(batchShapeProblem(b, count)).toContain(expected);
  });
});
