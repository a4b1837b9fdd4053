import type { PointTemplate } from '../point-template.js';

/** Chilled-water air handler with VFD supply fan and economizer. */
export const ahuPoints: readonly PointTemplate[] = [
  { key: 'fanRunCmd', dis: 'Supply Fan Run Cmd', markers: 'discharge fan run cmd', kind: 'Bool', decimals: 0 },
  { key: 'fanStatus', dis: 'Supply Fan Status', markers: 'discharge fan run sensor', kind: 'Bool', decimals: 0 },
  { key: 'fanSpeed', dis: 'Supply Fan VFD Speed', markers: 'discharge fan vfd speed cmd', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'fanPower', dis: 'Supply Fan Power', markers: 'discharge fan elec power sensor', kind: 'Number', unit: 'kW', decimals: 2, relativeNoise: 0.01 },
  { key: 'supplyTemp', dis: 'Discharge Air Temp', markers: 'discharge air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.2, drifts: true },
  { key: 'supplyTempSp', dis: 'Discharge Air Temp Sp', markers: 'discharge air temp sp', kind: 'Number', unit: '°F', decimals: 1 },
  { key: 'returnTemp', dis: 'Return Air Temp', markers: 'return air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.2, drifts: true },
  { key: 'mixedTemp', dis: 'Mixed Air Temp', markers: 'mixed air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.3, drifts: true },
  { key: 'outsideTemp', dis: 'Outside Air Temp', markers: 'outside air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.3, drifts: true },
  { key: 'staticPressure', dis: 'Duct Static Pressure', markers: 'discharge air pressure sensor', kind: 'Number', unit: 'inH₂O', decimals: 2, noise: 0.02 },
  { key: 'staticPressureSp', dis: 'Duct Static Pressure Sp', markers: 'discharge air pressure sp', kind: 'Number', unit: 'inH₂O', decimals: 2 },
  { key: 'airFlow', dis: 'Discharge Air Flow', markers: 'discharge air flow sensor', kind: 'Number', unit: 'cfm', decimals: 0, relativeNoise: 0.02 },
  { key: 'outsideDamper', dis: 'Outside Air Damper Cmd', markers: 'outside damper cmd', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'chwValve', dis: 'Chilled Water Valve Cmd', markers: 'chilled water valve cmd', kind: 'Number', unit: '%', decimals: 1 },
];
