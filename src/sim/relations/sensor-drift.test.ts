import { describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import type { PointTemplate } from '../../model/point-template.js';
import { qualitySchema } from '../../profile/schema.js';
import { hashString } from '../../random/rng.js';
import { SensorModel } from '../sensor-model.js';
import { DriftTrack, driftCycle, driftOffsetAt } from './sensor-drift.js';

const DAY = 86_400_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const quality = qualitySchema.parse({
  staleShare: 0,
  faultShare: 0,
  noise: false,
  spikesPerMonth: 0,
  driftPerMonth: 0.3,
  calibrationDays: [90, 270],
});

describe('sensor drift shared by the sensor layer and the control loops', () => {
  it('gives the offset the sensor model adds to a reading (noise off, 3 decimals)', () => {
    const id = 'equip-vav-3-north.zoneTemp';
    const point: PointInfo = {
      index: 0,
      id,
      key: 'zoneTemp',
      dis: 'Zone Temp',
      equipId: 'equip-vav-3-north',
      siteId: 's',
      kind: 'Number',
      unit: '°F',
      decimals: 3,
      totalized: false,
    };
    const template: PointTemplate = {
      key: 'zoneTemp',
      dis: 'Zone Temp',
      markers: 'zone air temp sensor',
      kind: 'Number',
      unit: '°F',
      decimals: 3,
      drifts: true,
    };
    const sensors = new SensorModel([point], [template], quality, 7, EPOCH);
    const ts = Float64Array.from({ length: 400 }, (_, i) => EPOCH + i * 2 * DAY + 1234);
    const out = new Float64Array(ts.length);
    sensors.measure(0, new Float64Array(ts.length), ts, 0, ts.length, out, 0);
    const cycle = driftCycle(7, hashString(id), true, quality);
    const track = new DriftTrack(7, cycle, quality, EPOCH);
    for (let k = 0; k < ts.length; k++) {
      expect(driftOffsetAt(7, cycle, quality, EPOCH, ts[k]!)).toBeCloseTo(out[k]!, 3);
      expect(track.at(ts[k]!)).toBeCloseTo(out[k]!, 3);
    }
  });

  it('does not drift when the point does not or the profile says 0', () => {
    expect(driftOffsetAt(1, driftCycle(1, 5, false, quality), quality, EPOCH, EPOCH + 40 * DAY)).toBe(0);
    const none = { ...quality, driftPerMonth: 0 };
    expect(driftOffsetAt(1, driftCycle(1, 5, true, none), none, EPOCH, EPOCH + 40 * DAY)).toBe(0);
  });
});
