import type { PointTemplate } from '../point-template.js';

export const chilledWaterPlantPoints: readonly PointTemplate[] = [
  { key: 'chwSupplyTempSp', dis: 'CHW Supply Temp Sp', markers: 'chilled water leaving temp sp', kind: 'Number', unit: '°F', decimals: 1 },
  { key: 'coolingLoad', dis: 'Plant Cooling Load', markers: 'chilled water load sensor', kind: 'Number', unit: 'tonref', decimals: 1 },
  {
    key: 'chwPumpPower',
    dis: 'CHW Pump Power',
    markers: 'chilled water pump elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.01,
  },
  {
    key: 'cwPumpPower',
    dis: 'Condenser Water Pump Power',
    markers: 'condenser water pump elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.01,
  },
];
