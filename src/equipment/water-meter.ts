import { z } from 'zod';
import { markers, nameplateTags } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString, nameplate } from '../profile/schema.js';
import { smoothNoise } from '../random/rng.js';
import { writeRow } from '../sim/physics/frame.js';
import { defineEquipmentType } from './equipment-type.js';

const HOUR_MS = 3_600_000;

const waterMeterPoints: readonly PointTemplate[] = [
  {
    key: 'flow',
    dis: 'Water Flow',
    markers: 'domestic water flow sensor',
    kind: 'Number',
    unit: 'gal/min',
    decimals: 2,
    relativeNoise: 0.02,
  },
  {
    key: 'volume',
    dis: 'Water Volume',
    markers: 'domestic water volume sensor',
    kind: 'Number',
    unit: 'gal',
    decimals: 1,
    totalized: true,
  },
  {
    key: 'pressure',
    dis: 'Water Pressure',
    markers: 'domestic water pressure sensor',
    kind: 'Number',
    unit: 'psi',
    decimals: 1,
    noise: 0.3,
  },
];

/** `meters.water:` the main water meter: occupants' domestic water plus cooling-tower make-up. */
export const waterMeter = defineEquipmentType({
  name: 'waterMeter',
  profile: { at: ['meters'], shape: { water: z.strictObject({ id: idString, dis: z.string(), ...nameplate }) } },
  expand: ({ water: m }) => [{ id: m.id, dis: m.dis, nameplate: m, config: m, points: waterMeterPoints }],
  tags: ({ nameplate }) => ({ ...markers('domestic water flow meter equip siteMeter'), ...nameplateTags(nameplate) }),
  physics: ({ equips, topology, rows, seed }) => {
    const node = equips[0]!;
    const loads = topology.site.loads;
    const r = { flow: rows.one(node, 'flow'), pressure: rows.one(node, 'pressure') };
    return {
      step(frame, k, { air, plant }) {
        const T = frame.timestamps.length;
        const t = frame.timestamps[k]!;
        const domesticGpm = (air.people * loads.waterGalPerPersonDay) / (9 * 60) + 0.3;
        const waterGpm = domesticGpm + plant.makeupGpm;
        writeRow(frame.truth, r.flow, T, k, waterGpm);
        writeRow(frame.truth, r.pressure, T, k, 62 - 0.04 * waterGpm + 0.8 * smoothNoise(seed, 0x3a7e, t, 3 * HOUR_MS));
      },
    };
  },
});
