import type { PointTemplate } from '../model/point-template.js';
import { smoothNoise } from '../random/rng.js';
import { defineSiteMeter } from './site-meter.js';

const HOUR_MS = 3_600_000;

const waterMeterPoints: readonly PointTemplate[] = [
  {
    key: 'flow',
    dis: 'Water Flow',
    markers: 'domestic water flow sensor',
    kind: 'Number',
    unit: 'gal/min',
    decimals: 2,
    relativeNoise: 0.02,
  },
  {
    key: 'volume',
    dis: 'Water Volume',
    markers: 'domestic water volume sensor',
    kind: 'Number',
    unit: 'gal',
    decimals: 1,
    totalized: true,
  },
  {
    key: 'pressure',
    dis: 'Water Pressure',
    markers: 'domestic water pressure sensor',
    kind: 'Number',
    unit: 'psi',
    decimals: 1,
    noise: 0.3,
  },
];

/** `meters.water:` the main water meter: occupants' domestic water plus cooling-tower make-up. */
export const waterMeter = defineSiteMeter({
  name: 'waterMeter',
  key: 'water',
  markers: 'domestic water flow meter equip siteMeter',
  points: waterMeterPoints,
  flow: ({ air, plant }, { loads }) => {
    const domesticGpm = (air.people * loads.waterGalPerPersonDay) / (9 * 60) + 0.3;
    return domesticGpm + plant.makeupGpm;
  },
  pressure: (flow, t, seed) => 62 - 0.04 * flow + 0.8 * smoothNoise(seed, 0x3a7e, t, 3 * HOUR_MS),
});
