import { z } from 'zod';
import { markers, nameplateTags, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { equipsOf, oneOf, zoneLabel } from '../model/topology.js';
import { nameplate } from '../profile/schema.js';
import { AirSide } from '../sim/physics/air-side.js';
import { ahu, ahuServing } from './ahu.js';
import { boiler } from './boiler.js';
import { defineEquipmentType } from './equipment-type.js';

/** VAV box with hot-water reheat: the users' point keys mapped to Haystack 4 tags. */
function vavPoints(reheat: boolean): PointTemplate[] {
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

const vavSchema = z.strictObject({
  maxAirflowCfm: z.number().positive(),
  minAirflowFraction: z.number().min(0.1).max(1).default(0.35),
  reheat: z.boolean().default(true),
  ...nameplate,
});

/**
 * One VAV box per hvac zone, all alike (`vav:` in the profile), fed by the AHU
 * whose floor range holds the zone's floor. Its physics is the air side: the
 * zones, their boxes and the AHUs that serve them, solved together.
 */
export const vav = defineEquipmentType({
  name: 'vav',
  profile: { at: [], shape: { vav: vavSchema } },
  expand: ({ vav: cfg }, { zones, section }) => {
    const { ahus } = section(ahu);
    const points = vavPoints(cfg.reheat);
    return zones.map((zone) => {
      const airHandler = ahuServing(ahus, zone.floor);
      const label = zoneLabel(zone.name);
      return {
        id: `equip-vav-${zone.floor}-${zone.name}`,
        dis: `VAV-${zone.floor}${label[0]} Floor ${zone.floor} ${label}`,
        floor: zone.floor,
        nameplate: cfg,
        trunk: ahus[airHandler]?.id,
        config: { ...cfg, zone, airHandler },
        points,
      };
    });
  },
  tags: ({ config, nameplate }, topology) => ({
    ...markers(`vav equip ${config.reheat ? 'hotWaterHeating' : ''}`),
    airRef: refTo(equipsOf(topology, ahu)[config.airHandler]),
    spaceRef: refTo(config.zone),
    hotWaterRef: config.reheat ? refTo(oneOf(topology, boiler)) : undefined,
    ...nameplateTags(nameplate),
  }),
  physics: ({ equips, topology, rows, seed, epochMs }) => new AirSide(topology, equips, equipsOf(topology, ahu), rows, seed, epochMs),
  overridable: ['zoneTempSp'],
  service: {
    category: 'vav_terminal',
    capacityBtuh: (node) => Math.round((1.08 * node.config.maxAirflowCfm * 20) / 1000) * 1000,
  },
});
