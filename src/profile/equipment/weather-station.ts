import type { PointTemplate } from '../point-template.js';

export const weatherStationPoints: readonly PointTemplate[] = [
  { key: 'outsideTemp', dis: 'Outside Air Temp', markers: 'outside air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  {
    key: 'outsideHumidity',
    dis: 'Outside Air Humidity',
    markers: 'outside air humidity sensor',
    kind: 'Number',
    unit: '%RH',
    decimals: 1,
    noise: 0.5,
  },
  {
    key: 'outsideDewPoint',
    dis: 'Outside Air Dew Point',
    markers: 'outside air dewPoint sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'outsideWetBulb',
    dis: 'Outside Air Wet Bulb',
    markers: 'outside air wetBulb sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'solarIrradiance',
    dis: 'Global Horizontal Irradiance',
    markers: 'solar irradiance sensor',
    kind: 'Number',
    unit: 'W/m²',
    decimals: 0,
    relativeNoise: 0.02,
  },
];
