import { z } from 'zod';
import { markers, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { floorId, oneOf } from '../model/topology.js';
import { floorPanelKw, writeRow } from '../sim/physics/frame.js';
import { elecMeter } from './elec-meter.js';
import { defineEquipmentType } from './equipment-type.js';

/** A floor sub-meter: power and its energy register. */
const floorElecMeterPoints: readonly PointTemplate[] = [
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

/** `meters.floorSubmeters: true`: one sub-meter per floor panel (lighting, plugs, small loads), under the main meter. */
export const floorElecMeter = defineEquipmentType({
  name: 'floorElecMeter',
  profile: { at: ['meters'], shape: { floorSubmeters: z.boolean().default(true) } },
  expand: ({ floorSubmeters }, { site }) =>
    floorSubmeters
      ? Array.from({ length: site.floors.count }, (_, i) => ({
          id: `meter-floor-${i + 1}-electric`,
          dis: `Floor ${i + 1} Electric Sub-meter`,
          floor: i + 1,
          config: {},
          points: floorElecMeterPoints,
        }))
      : [],
  tags: (node, topology) => ({
    ...markers('ac elec meter equip'),
    submeterOf: refTo(oneOf(topology, elecMeter)),
    spaceRef: refTo({ id: floorId(node.floor!) }),
  }),
  physics: ({ equips, rows }) => {
    const kw = rows.of(equips, 'power');
    return {
      step(frame, k, state) {
        const T = frame.timestamps.length;
        equips.forEach((e, i) => writeRow(frame.truth, kw[i]!, T, k, floorPanelKw(state, e.floor! - 1)));
      },
    };
  },
});
