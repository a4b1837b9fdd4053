import { z } from 'zod';
import { defineEquipmentType } from '../../src/equipment/equipment-type.js';
import { markers, nameplateTags, refTo } from '../../src/model/haystack-tags.js';
import type { PointTemplate } from '../../src/model/point-template.js';
import { floorId } from '../../src/model/topology.js';
import { idString, nameplate } from '../../src/profile/schema.js';
import { writeRow } from '../../src/sim/physics/frame.js';

const exhaustFanPoints: readonly PointTemplate[] = [
  { key: 'run', dis: 'Run Status', markers: 'exhaust fan run sensor', kind: 'Bool', decimals: 0 },
  {
    key: 'power',
    dis: 'Fan Power',
    markers: 'exhaust fan elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 2,
    relativeNoise: 0.01,
  },
];

/**
 * A made-up equipment type, to show what adding one takes: `exhaustFans:` in
 * the profile, a run status and a power point each, running in occupied
 * hours (the BAS schedule) and off when faulted, its power rising with how
 * full the building is.
 */
export const exhaustFan = defineEquipmentType({
  name: 'exhaustFan',
  profile: {
    at: [],
    shape: {
      exhaustFans: z.array(
        z.strictObject({ id: idString, dis: z.string(), floor: z.number().int().min(1), ratedKw: z.number().positive(), ...nameplate }),
      ),
    },
  },
  expand: ({ exhaustFans }) =>
    exhaustFans.map((f) => ({ id: f.id, dis: f.dis, floor: f.floor, nameplate: f, config: f, points: exhaustFanPoints })),
  tags: (node) => ({ ...markers('exhaust fan equip'), spaceRef: refTo({ id: floorId(node.floor!) }), ...nameplateTags(node.nameplate) }),
  physics: ({ equips, rows }) => {
    const run = rows.of(equips, 'run');
    const power = rows.of(equips, 'power');
    return {
      step(frame, k, state) {
        const T = frame.timestamps.length;
        equips.forEach((e, i) => {
          const on = state.schedule.occupiedMode && frame.faulted[e.position * T + k] !== 1;
          writeRow(frame.truth, run[i]!, T, k, on ? 1 : 0);
          writeRow(frame.truth, power[i]!, T, k, on ? e.config.ratedKw * (0.6 + 0.4 * state.air.occupancy) : 0);
        });
      },
    };
  },
});
