import type { PointTemplate } from '../point-template.js';

/** Main electric meter: 480 V three-phase service. */
export const elecMeterPoints: readonly PointTemplate[] = [
  {
    key: 'power',
    dis: 'Power',
    markers: 'total active ac elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 1,
    relativeNoise: 0.003,
  },
  {
    key: 'energy',
    dis: 'Energy',
    markers: 'total import ac elec active energy sensor',
    kind: 'Number',
    unit: 'kWh',
    decimals: 1,
    totalized: true,
  },
  { key: 'voltage', dis: 'Voltage', markers: 'avg ac elec volt magnitude sensor', kind: 'Number', unit: 'V', decimals: 1, noise: 0.5 },
  {
    key: 'current',
    dis: 'Current',
    markers: 'avg ac elec current magnitude sensor',
    kind: 'Number',
    unit: 'A',
    decimals: 1,
    relativeNoise: 0.003,
  },
  { key: 'powerFactor', dis: 'Power Factor', markers: 'avg ac elec pf sensor', kind: 'Number', unit: 'pf', decimals: 3, noise: 0.002 },
];

/** A floor sub-meter: power and its energy register. */
export const floorElecMeterPoints: readonly PointTemplate[] = [
  {
    key: 'power',
    dis: 'Power',
    markers: 'total active ac elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.003,
  },
  {
    key: 'energy',
    dis: 'Energy',
    markers: 'total import ac elec active energy sensor',
    kind: 'Number',
    unit: 'kWh',
    decimals: 1,
    totalized: true,
  },
];

export const gasMeterPoints: readonly PointTemplate[] = [
  { key: 'flow', dis: 'Gas Flow', markers: 'naturalGas flow sensor', kind: 'Number', unit: 'cfh', decimals: 1, relativeNoise: 0.01 },
  { key: 'volume', dis: 'Gas Volume', markers: 'naturalGas volume sensor', kind: 'Number', unit: 'ft³', decimals: 1, totalized: true },
  { key: 'pressure', dis: 'Gas Pressure', markers: 'naturalGas pressure sensor', kind: 'Number', unit: 'inH₂O', decimals: 2, noise: 0.03 },
];

export const waterMeterPoints: readonly PointTemplate[] = [
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
