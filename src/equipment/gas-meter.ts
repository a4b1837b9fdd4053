import { z } from 'zod';
import { markers, nameplateTags } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString, nameplate } from '../profile/schema.js';
import { smoothNoise } from '../random/rng.js';
import { writeRow } from '../sim/physics/frame.js';
import { defineEquipmentType } from './equipment-type.js';

const HOUR_MS = 3_600_000;
/** DHW: 8.34 lb/gal heated 65 °F by a gas water heater at 80 % efficiency, BTU per gal of gas input */
const DHW_BTU_PER_GAL = (8.34 * 65) / 0.8;

const gasMeterPoints: readonly PointTemplate[] = [
  { key: 'flow', dis: 'Gas Flow', markers: 'naturalGas flow sensor', kind: 'Number', unit: 'cfh', decimals: 1, relativeNoise: 0.01 },
  { key: 'volume', dis: 'Gas Volume', markers: 'naturalGas volume sensor', kind: 'Number', unit: 'ft³', decimals: 1, totalized: true },
  { key: 'pressure', dis: 'Gas Pressure', markers: 'naturalGas pressure sensor', kind: 'Number', unit: 'inH₂O', decimals: 2, noise: 0.03 },
];

/** `meters.gas:` the main gas meter: the boiler plus domestic hot water heaters and pilots. */
export const gasMeter = defineEquipmentType({
  name: 'gasMeter',
  profile: { at: ['meters'], shape: { gas: z.strictObject({ id: idString, dis: z.string(), ...nameplate }) } },
  expand: ({ gas: m }) => [{ id: m.id, dis: m.dis, nameplate: m, config: m, points: gasMeterPoints }],
  tags: ({ nameplate }) => ({ ...markers('naturalGas flow meter equip siteMeter'), ...nameplateTags(nameplate) }),
  physics: ({ equips, topology, rows, seed }) => {
    const node = equips[0]!;
    const loads = topology.site.loads;
    const r = { flow: rows.one(node, 'flow'), pressure: rows.one(node, 'pressure') };
    return {
      step(frame, k, { air, plant }) {
        const T = frame.timestamps.length;
        const t = frame.timestamps[k]!;
        const dhwGph = (air.people * loads.waterGalPerPersonDay * 0.07) / 9; // offices heat ~7 % of their water, over ~9 h
        const dhwCfh = (dhwGph * DHW_BTU_PER_GAL) / 1030 + 6; // plus standby losses and pilots
        writeRow(frame.truth, r.flow, T, k, plant.boilerGasCfh + dhwCfh);
        writeRow(frame.truth, r.pressure, T, k, 7 + 0.15 * smoothNoise(seed, 0x9a5, t, 6 * HOUR_MS));
      },
    };
  },
});
