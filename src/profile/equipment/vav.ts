import type { PointTemplate } from '../point-template.js';

/** VAV box with hot-water reheat: the users' point keys mapped to Haystack 4 tags. */
export function vavPoints(reheat: boolean): PointTemplate[] {
  const points: PointTemplate[] = [
    { key: 'status', dis: 'Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
    { key: 'enable', dis: 'Enable', markers: 'enable cmd', kind: 'Bool', decimals: 0 },
    {
      key: 'zoneTemp',
      dis: 'Zone Temp',
      markers: 'zone air temp sensor',
      kind: 'Number',
      unit: '°F',
      decimals: 1,
      noise: 0.15,
      drifts: true,
    },
    { key: 'zoneTempSp', dis: 'Zone Temp Effective Sp', markers: 'zone air temp effective sp', kind: 'Number', unit: '°F', decimals: 1 },
    {
      key: 'supplyTemp',
      dis: 'Discharge Air Temp',
      markers: 'discharge air temp sensor',
      kind: 'Number',
      unit: '°F',
      decimals: 1,
      noise: 0.2,
      drifts: true,
    },
    {
      key: 'airFlow',
      dis: 'Discharge Air Flow',
      markers: 'discharge air flow sensor',
      kind: 'Number',
      unit: 'cfm',
      decimals: 0,
      relativeNoise: 0.02,
    },
    { key: 'airFlowSp', dis: 'Discharge Air Flow Sp', markers: 'discharge air flow sp', kind: 'Number', unit: 'cfm', decimals: 0 },
    { key: 'damperPos', dis: 'Damper Cmd', markers: 'discharge damper cmd', kind: 'Number', unit: '%', decimals: 1 },
    { key: 'occupied', dis: 'Occupancy Sensor', markers: 'occupied sensor', kind: 'Bool', decimals: 0 },
  ];
  if (reheat) points.push({ key: 'reheatValve', dis: 'Reheat Valve Cmd', markers: 'reheat cmd', kind: 'Number', unit: '%', decimals: 1 });
  return points;
}
