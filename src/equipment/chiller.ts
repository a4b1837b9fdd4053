import { HNum } from 'haystack-core';
import { z } from 'zod';
import { markers, nameplateTags, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString, nameplate } from '../profile/schema.js';
import { defineEquipmentType } from './equipment-type.js';

/** Water-cooled centrifugal chiller. Its water temperatures are matched, factory-calibrated RTD pairs: noise, no drift. */
const chillerPoints: readonly PointTemplate[] = [
  { key: 'status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  { key: 'enable', dis: 'Enable Cmd', markers: 'enable cmd', kind: 'Bool', decimals: 0 },
  {
    key: 'chwSupplyTemp',
    dis: 'CHW Supply Temp',
    markers: 'chilled water leaving temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'chwReturnTemp',
    dis: 'CHW Return Temp',
    markers: 'chilled water entering temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'condenserSupplyTemp',
    dis: 'Condenser Water Entering Temp',
    markers: 'condenser water entering temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'condenserReturnTemp',
    dis: 'Condenser Water Leaving Temp',
    markers: 'condenser water leaving temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'chwFlow',
    dis: 'CHW Flow',
    markers: 'chilled water leaving flow sensor',
    kind: 'Number',
    unit: 'gal/min',
    decimals: 0,
    relativeNoise: 0.01,
  },
  { key: 'load', dis: 'Load', markers: 'load sensor', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'power', dis: 'Power', markers: 'elec power sensor', kind: 'Number', unit: 'kW', decimals: 1, relativeNoise: 0.005 },
  { key: 'energy', dis: 'Energy', markers: 'elec energy sensor', kind: 'Number', unit: 'kWh', decimals: 1, totalized: true },
  { key: 'cop', dis: 'COP', markers: 'efficiency sensor', kind: 'Number', unit: 'COP', decimals: 2 },
];

const chillerSchema = z.strictObject({
  id: idString,
  dis: z.string(),
  capacityTons: z.number().positive(),
  designCop: z.number().min(1).max(12),
  role: z.enum(['lead', 'standby']),
  ...nameplate,
});

/** `plant.chillers:` in the profile; the plant (chilled-water-plant.ts) dispatches them. */
export const chiller = defineEquipmentType({
  name: 'chiller',
  profile: {
    at: ['plant'],
    shape: { chillers: z.array(chillerSchema).min(1) },
    check({ chillers }, _profile, add) {
      const leads = chillers.filter((c) => c.role === 'lead').length;
      if (leads !== 1) add(['plant', 'chillers'], `expected exactly one chiller with role "lead", found ${leads}`);
    },
  },
  expand: ({ chillers }, { enclosing }) =>
    chillers.map((c) => ({ id: c.id, dis: c.dis, nameplate: c, config: { ...c, plant: enclosing }, points: chillerPoints })),
  tags: ({ config, nameplate }) => ({
    ...markers('chiller equip centrifugal condenserOpenLoop'),
    coolingCapacity: HNum.make(config.capacityTons, 'tonref'),
    chilledWaterRef: refTo(config.plant),
    ...nameplateTags(nameplate),
  }),
  service: {
    category: 'chiller',
    capacityBtuh: (node) => node.config.capacityTons * 12_000,
    // kW/ton = 3.517 kW of cooling per ton ÷ COP
    efficiency: (node) => Math.round((3.517 / node.config.designCop) * 100) / 100,
  },
});
