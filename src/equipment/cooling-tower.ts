import { z } from 'zod';
import { markers, nameplateTags, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { equipsOf } from '../model/topology.js';
import { idString, nameplate } from '../profile/schema.js';
import { chiller } from './chiller.js';
import { defineEquipmentType } from './equipment-type.js';

const coolingTowerPoints: readonly PointTemplate[] = [
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

/** `plant.coolingTower:` in the profile; the plant (chilled-water-plant.ts) runs it with its chillers. */
export const coolingTower = defineEquipmentType({
  name: 'coolingTower',
  profile: {
    at: ['plant'],
    shape: {
      coolingTower: z.strictObject({
        id: idString,
        dis: z.string(),
        fanPowerKw: z.number().positive(),
        approachF: z.number().min(2).max(15).default(7),
        ...nameplate,
      }),
    },
  },
  expand: ({ coolingTower: t }, { enclosing }) => [
    { id: t.id, dis: t.dis, nameplate: t, config: { ...t, plant: enclosing }, points: coolingTowerPoints },
  ],
  tags: ({ config, nameplate }) => ({
    ...markers('coolingTower equip'),
    chilledWaterRef: refTo(config.plant),
    ...nameplateTags(nameplate),
  }),
  service: {
    category: 'cooling_tower',
    // a tower rejects 15,000 Btu/h per ton of the plant's average chiller
    capacityBtuh: (_node, topology) => {
      const chillers = equipsOf(topology, chiller);
      return (chillers.reduce((sum, c) => sum + c.config.capacityTons, 0) / chillers.length) * 15_000;
    },
  },
});
