import type { PointTemplate } from '../point-template.js';

/** The LED luminaires of one floor, switched by occupancy sensors. */
export const luminairePoints: readonly PointTemplate[] = [
  { key: 'lightsOn', dis: 'Lights On', markers: 'lighting run sensor', kind: 'Bool', decimals: 0 },
  {
    key: 'lightingPower',
    dis: 'Lighting Power',
    markers: 'lighting elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.005,
  },
];
