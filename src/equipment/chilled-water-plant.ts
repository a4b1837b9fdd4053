import { z } from 'zod';
import { markers } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { equipsOf, oneOf } from '../model/topology.js';
import { idString } from '../profile/schema.js';
import { Plant } from '../sim/physics/plant.js';
import { chiller } from './chiller.js';
import { coolingTower } from './cooling-tower.js';
import { defineEquipmentType } from './equipment-type.js';

const chilledWaterPlantPoints: readonly PointTemplate[] = [
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

/**
 * `plant:` in the profile: the chilled-water plant. Its chillers
 * (`plant.chillers`) and cooling tower (`plant.coolingTower`) are types of
 * their own; the plant's physics dispatches them.
 */
export const chilledWaterPlant = defineEquipmentType({
  name: 'chilledWaterPlant',
  profile: {
    at: ['plant'],
    shape: {
      id: idString,
      dis: z.string(),
      chilledWaterSupplyF: z.number().min(36).max(55).default(44),
      designDeltaTF: z.number().min(4).max(20).default(10),
      /** outdoor temperature below which the plant stays off and air-side economizers carry the load */
      lockoutBelowF: z.number().default(50),
    },
  },
  expand: (plant) => [{ id: plant.id, dis: plant.dis, config: plant, points: chilledWaterPlantPoints }],
  tags: () => markers('chilled water plant equip'),
  physics: ({ equips, topology, rows, seed }) => {
    const tower = oneOf(topology, coolingTower);
    if (!tower) throw new Error('the chilled-water plant needs the coolingTower equipment type');
    return new Plant(equips[0]!, equipsOf(topology, chiller), tower, rows, seed);
  },
});
