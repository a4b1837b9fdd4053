import { z } from 'zod';
import { markers, nameplateTags, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { oneOf } from '../model/topology.js';
import { fraction, idString, nameplate } from '../profile/schema.js';
import { chilledWaterPlant } from './chilled-water-plant.js';
import { defineEquipmentType } from './equipment-type.js';

/** Chilled-water air handler with VFD supply fan and economizer. */
const ahuPoints: readonly PointTemplate[] = [
  { key: 'fanRunCmd', dis: 'Supply Fan Run Cmd', markers: 'discharge fan run cmd', kind: 'Bool', decimals: 0 },
  { key: 'fanStatus', dis: 'Supply Fan Status', markers: 'discharge fan run sensor', kind: 'Bool', decimals: 0 },
  { key: 'fanSpeed', dis: 'Supply Fan VFD Speed', markers: 'discharge fan vfd speed cmd', kind: 'Number', unit: '%', decimals: 1 },
  {
    key: 'fanPower',
    dis: 'Supply Fan Power',
    markers: 'discharge fan elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.01,
  },
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
  { key: 'supplyTempSp', dis: 'Discharge Air Temp Sp', markers: 'discharge air temp sp', kind: 'Number', unit: '°F', decimals: 1 },
  {
    key: 'returnTemp',
    dis: 'Return Air Temp',
    markers: 'return air temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.2,
    drifts: true,
  },
  {
    key: 'mixedTemp',
    dis: 'Mixed Air Temp',
    markers: 'mixed air temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.3,
    drifts: true,
  },
  {
    key: 'outsideTemp',
    dis: 'Outside Air Temp',
    markers: 'outside air temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.3,
    drifts: true,
  },
  {
    key: 'staticPressure',
    dis: 'Duct Static Pressure',
    markers: 'discharge air pressure sensor',
    kind: 'Number',
    unit: 'inH₂O',
    decimals: 2,
    noise: 0.02,
  },
  {
    key: 'staticPressureSp',
    dis: 'Duct Static Pressure Sp',
    markers: 'discharge air pressure sp',
    kind: 'Number',
    unit: 'inH₂O',
    decimals: 2,
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
  { key: 'outsideDamper', dis: 'Outside Air Damper Cmd', markers: 'outside damper cmd', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'chwValve', dis: 'Chilled Water Valve Cmd', markers: 'chilled water valve cmd', kind: 'Number', unit: '%', decimals: 1 },
];

const ahuSchema = z.strictObject({
  id: idString,
  dis: z.string(),
  /** first and last floor served, inclusive */
  floors: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  designAirflowCfm: z.number().positive(),
  fanPowerKw: z.number().positive(),
  /**
   * minimum outside air for ventilation, share of design airflow: a flow the damper holds as supply
   * drops (0.15 of design is about ASHRAE 62.1 for an office at 200 ft² a person, after system efficiency)
   */
  minOutsideAirFraction: fraction.default(0.15),
  ...nameplate,
});
type AhuConfig = z.output<typeof ahuSchema>;

/** Index of the AHU whose floor range holds `floor`, or −1. */
export const ahuServing = (ahus: readonly AhuConfig[], floor: number) =>
  ahus.findIndex((a) => floor >= a.floors[0] && floor <= a.floors[1]);

/**
 * `ahus:` in the profile, one AHU each. Its air side (fans, coil, economizer)
 * is solved together with the VAV boxes it serves: vav.ts wires that physics,
 * since the boxes know their AHU.
 */
export const ahu = defineEquipmentType({
  name: 'ahu',
  profile: {
    at: [],
    shape: { ahus: z.array(ahuSchema).min(1) },
    check({ ahus }, profile, add) {
      const floors = profile.floors.count;
      const served = new Array<string | undefined>(floors + 1);
      let problems = 0;
      ahus.forEach((a, i) => {
        const [first, last] = a.floors;
        if (first > last || last > floors) {
          add(['ahus', i, 'floors'], `expected [first, last] within 1..${floors}, found [${first}, ${last}]`);
          problems++;
          return;
        }
        for (let f = first; f <= last; f++) {
          if (served[f]) {
            add(['ahus', i, 'floors'], `floor ${f} is already served by ${served[f]}`);
            problems++;
          }
          served[f] = a.id;
        }
      });
      for (let f = 1; f <= floors; f++) {
        if (!served[f] && problems === 0) {
          add(['ahus'], `floor ${f} is served by no AHU; every floor needs one`);
          problems++;
        }
      }
    },
  },
  expand: ({ ahus }) => ahus.map((a) => ({ id: a.id, dis: a.dis, nameplate: a, trunk: a.id, config: a, points: ahuPoints })),
  tags: (node, topology) => ({
    ...markers('ahu equip chilledWaterCooling variableAirVolume'),
    chilledWaterRef: refTo(oneOf(topology, chilledWaterPlant)),
    ...nameplateTags(node.nameplate),
  }),
  service: {
    category: 'air_handler',
    // sensible cooling of the design airflow across a 20 °F coil: 1.08 × cfm × ΔT
    capacityBtuh: (node) => Math.round(1.08 * node.config.designAirflowCfm * 20),
  },
});
