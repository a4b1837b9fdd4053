import type { PointTemplate } from '../point-template.js';

/** Condensing gas boiler serving VAV reheat and domestic hot water. */
export const boilerPoints: readonly PointTemplate[] = [
  { key: 'status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  {
    key: 'hwSupplyTemp',
    dis: 'HW Supply Temp',
    markers: 'hot water leaving temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.2,
    drifts: true,
  },
  { key: 'hwSupplyTempSp', dis: 'HW Supply Temp Sp', markers: 'hot water leaving temp sp', kind: 'Number', unit: '°F', decimals: 1 },
  {
    key: 'hwReturnTemp',
    dis: 'HW Return Temp',
    markers: 'hot water entering temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.2,
    drifts: true,
  },
  { key: 'firingRate', dis: 'Firing Rate', markers: 'load sensor', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'gasFlow', dis: 'Gas Flow', markers: 'naturalGas flow sensor', kind: 'Number', unit: 'cfh', decimals: 1, relativeNoise: 0.01 },
];
