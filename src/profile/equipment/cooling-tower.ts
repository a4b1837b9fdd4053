import type { PointTemplate } from '../point-template.js';

export const coolingTowerPoints: readonly PointTemplate[] = [
  { key: 'fanStatus', dis: 'Fan Status', markers: 'fan run sensor', kind: 'Bool', decimals: 0 },
  { key: 'fanSpeed', dis: 'Fan VFD Speed', markers: 'fan vfd speed cmd', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'fanPower', dis: 'Fan Power', markers: 'fan elec power sensor', kind: 'Number', unit: 'kW', decimals: 2, relativeNoise: 0.01 },
  {
    key: 'condenserLeavingTemp',
    dis: 'Condenser Water Leaving Temp',
    markers: 'condenser water leaving temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
    drifts: true,
  },
];
