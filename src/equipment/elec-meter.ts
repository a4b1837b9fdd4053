import { z } from 'zod';
import { markers, nameplateTags } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString, nameplate } from '../profile/schema.js';
import { hashString, smoothNoise } from '../random/rng.js';
import { correctedPowerFactor } from '../sim/relations/power-factor.js';
import { floorPanelKw, writeRow } from '../sim/physics/frame.js';
import { defineEquipmentType } from './equipment-type.js';

const HOUR_MS = 3_600_000;

/** Main electric meter: 480 V three-phase service. */
const elecMeterPoints: readonly PointTemplate[] = [
  {
    key: 'power',
    dis: 'Power',
    markers: 'total active ac elec power sensor',
    kind: 'Number',
    unit: 'kW',
    decimals: 1,
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
  { key: 'voltage', dis: 'Voltage', markers: 'avg ac elec volt magnitude sensor', kind: 'Number', unit: 'V', decimals: 1, noise: 0.5 },
  {
    key: 'current',
    dis: 'Current',
    markers: 'avg ac elec current magnitude sensor',
    kind: 'Number',
    unit: 'A',
    decimals: 1,
    relativeNoise: 0.003,
  },
  { key: 'powerFactor', dis: 'Power Factor', markers: 'avg ac elec pf sensor', kind: 'Number', unit: 'pf', decimals: 3, noise: 0.002 },
];

/**
 * `meters.electric:` the utility's main meter. It sees every floor's panel,
 * the central plant, the fans and the common loads, so floor sub-meters
 * always sum to a little less than it.
 */
export const elecMeter = defineEquipmentType({
  name: 'elecMeter',
  profile: {
    at: ['meters'],
    shape: { electric: z.strictObject({ id: idString, dis: z.string(), nominalVolts: z.number().positive().default(480), ...nameplate }) },
  },
  expand: ({ electric: m }) => [{ id: m.id, dis: m.dis, nameplate: m, config: m, points: elecMeterPoints }],
  tags: ({ nameplate }) => ({ ...markers('ac elec meter equip siteMeter'), ...nameplateTags(nameplate) }),
  physics: ({ equips, topology, rows, seed }) => {
    const node = equips[0]!;
    const p = topology.site;
    const r = {
      kw: rows.one(node, 'power'),
      volts: rows.one(node, 'voltage'),
      amps: rows.one(node, 'current'),
      pf: rows.one(node, 'powerFactor'),
    };
    // an APFC bank sized for about a third of the building's nominal demand, in 15 kVAr steps
    const bank = { steps: Math.max(2, Math.round((p.site.area * 4) / 1000 / 3 / 15)), stepKvar: 15, key: hashString(`apfc:${node.id}`) };
    return {
      step(frame, k, state) {
        const { air, plant } = state;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        let floorsKw = 0;
        for (let f = 0; f < p.floors.count; f++) floorsKw += floorPanelKw(state, f);
        const t = frame.timestamps[k]!;
        // elevators, garage fans, exterior lighting, IT rooms: a base that wanders, busier when occupied
        const commonKw = p.loads.commonBaseKw * (0.8 + 0.5 * air.occupancy) * (1 + 0.08 * smoothNoise(seed, 0xc033, t, 0.75 * HOUR_MS));
        const totalKw = floorsKw + plant.chillerKw + plant.auxKw + air.fanKw + commonKw;
        const nominalKw = (p.site.area * 4) / 1000;
        const loadFrac = Math.min(1.2, totalKw / nominalKw);
        // utility voltage wanders slowly and sags a little under load
        const volts = node.config.nominalVolts * (1 + 0.01 * smoothNoise(seed, 0xe1ec, t, 4 * HOUR_MS) - 0.012 * loadFrac);
        const pf = correctedPowerFactor(
          { motorsKw: plant.chillerKw, drivesKw: plant.auxKw + air.fanKw, elevatorsKw: commonKw, officeKw: floorsKw },
          bank,
          seed,
          t,
        );
        writeRow(truth, r.kw, T, k, totalKw);
        writeRow(truth, r.volts, T, k, volts);
        writeRow(truth, r.amps, T, k, (totalKw * 1000) / (Math.sqrt(3) * volts * pf));
        writeRow(truth, r.pf, T, k, pf);
      },
    };
  },
});
