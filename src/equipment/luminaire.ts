import { markers, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { floorId } from '../model/topology.js';
import { writeRow } from '../sim/physics/frame.js';
import { defineEquipmentType } from './equipment-type.js';

/** The LED luminaires of one floor, switched by occupancy sensors. */
const luminairePoints: readonly PointTemplate[] = [
  { key: 'lightsOn', dis: 'Lights On', markers: 'lighting run sensor', kind: 'Bool', decimals: 0 },
  {
    key: 'lightingPower',
    dis: 'Lighting Power',
    markers: 'lighting elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.005,
  },
];

/** One per floor, from the building-wide `loads:` settings; no section of its own. */
export const luminaire = defineEquipmentType({
  name: 'luminaire',
  expand: (_section, { site }) =>
    Array.from({ length: site.floors.count }, (_, i) => ({
      id: `equip-lighting-${i + 1}`,
      dis: `Floor ${i + 1} Lighting`,
      floor: i + 1,
      config: {},
      points: luminairePoints,
    })),
  tags: (node) => ({ ...markers('luminaire equip lighting'), spaceRef: refTo({ id: floorId(node.floor!) }) }),
  physics: ({ equips, topology, rows }) => {
    const p = topology.site;
    const on = rows.of(equips, 'lightsOn');
    const kw = rows.of(equips, 'lightingPower');
    // lights count as on above 15 % of the floor's installed lighting power
    const onAboveKw = (0.15 * (p.loads.lightingWPerFt2 * (p.site.area / p.floors.count))) / 1000;
    return {
      step(frame, k, state) {
        const T = frame.timestamps.length;
        equips.forEach((e, i) => {
          const light = state.floorLightKw[e.floor! - 1]!;
          writeRow(frame.truth, kw[i]!, T, k, light);
          writeRow(frame.truth, on[i]!, T, k, light > onAboveKw ? 1 : 0);
        });
      },
    };
  },
});
