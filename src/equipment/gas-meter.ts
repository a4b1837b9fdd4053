import type { PointTemplate } from '../model/point-template.js';
import { smoothNoise } from '../random/rng.js';
import { defineSiteMeter } from './site-meter.js';

const HOUR_MS = 3_600_000;
/** DHW: 8.34 lb/gal heated 65 °F by a gas water heater at 80 % efficiency, BTU per gal of gas input */
const DHW_BTU_PER_GAL = (8.34 * 65) / 0.8;

const gasMeterPoints: readonly PointTemplate[] = [
  { key: 'flow', dis: 'Gas Flow', markers: 'naturalGas flow sensor', kind: 'Number', unit: 'cfh', decimals: 1, relativeNoise: 0.01 },
  { key: 'volume', dis: 'Gas Volume', markers: 'naturalGas volume sensor', kind: 'Number', unit: 'ft³', decimals: 1, totalized: true },
  { key: 'pressure', dis: 'Gas Pressure', markers: 'naturalGas pressure sensor', kind: 'Number', unit: 'inH₂O', decimals: 2, noise: 0.03 },
];

/** `meters.gas:` the main gas meter: the boiler plus domestic hot water heaters and pilots. */
export const gasMeter = defineSiteMeter({
  name: 'gasMeter',
  key: 'gas',
  markers: 'naturalGas flow meter equip siteMeter',
  points: gasMeterPoints,
  flow: ({ air, plant }, { loads }) => {
    const dhwGph = (air.people * loads.waterGalPerPersonDay * 0.07) / 9; // offices heat ~7 % of their water, over ~9 h
    const dhwCfh = (dhwGph * DHW_BTU_PER_GAL) / 1030 + 6; // plus standby losses and pilots
    return plant.boilerGasCfh + dhwCfh;
  },
  pressure: (_flow, t, seed) => 7 + 0.15 * smoothNoise(seed, 0x9a5, t, 6 * HOUR_MS),
});
