import type { PointTemplate } from '../point-template.js';

/** Water-cooled centrifugal chiller. Its water temperatures are matched, factory-calibrated RTD pairs: noise, no drift. */
export const chillerPoints: readonly PointTemplate[] = [
  { key: 'status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  { key: 'enable', dis: 'Enable Cmd', markers: 'enable cmd', kind: 'Bool', decimals: 0 },
  { key: 'chwSupplyTemp', dis: 'CHW Supply Temp', markers: 'chilled water leaving temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  { key: 'chwReturnTemp', dis: 'CHW Return Temp', markers: 'chilled water entering temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  { key: 'condenserSupplyTemp', dis: 'Condenser Water Entering Temp', markers: 'condenser water entering temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  { key: 'condenserReturnTemp', dis: 'Condenser Water Leaving Temp', markers: 'condenser water leaving temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  { key: 'chwFlow', dis: 'CHW Flow', markers: 'chilled water leaving flow sensor', kind: 'Number', unit: 'gal/min', decimals: 0, relativeNoise: 0.01 },
  { key: 'load', dis: 'Load', markers: 'load sensor', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'power', dis: 'Power', markers: 'elec power sensor', kind: 'Number', unit: 'kW', decimals: 1, relativeNoise: 0.005 },
  { key: 'energy', dis: 'Energy', markers: 'elec energy sensor', kind: 'Number', unit: 'kWh', decimals: 1, totalized: true },
  { key: 'cop', dis: 'COP', markers: 'efficiency sensor', kind: 'Number', unit: 'COP', decimals: 2 },
];
