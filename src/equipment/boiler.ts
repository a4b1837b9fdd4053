import { z } from 'zod';
import { markers, nameplateTags } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString, nameplate } from '../profile/schema.js';
import { writeRow } from '../sim/physics/frame.js';
import { hashString, uniform } from '../random/rng.js';
import { defineEquipmentType } from './equipment-type.js';

/** Condensing gas boiler serving VAV reheat and domestic hot water. */
const boilerPoints: readonly PointTemplate[] = [
  { key: 'status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  {
    key: 'hwSupplyTemp',
    dis: 'HW Supply Temp',
    markers: 'hot water leaving temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.2,
    drifts: true,
  },
  { key: 'hwSupplyTempSp', dis: 'HW Supply Temp Sp', markers: 'hot water leaving temp sp', kind: 'Number', unit: '°F', decimals: 1 },
  {
    key: 'hwReturnTemp',
    dis: 'HW Return Temp',
    markers: 'hot water entering temp sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.2,
    drifts: true,
  },
  { key: 'firingRate', dis: 'Firing Rate', markers: 'load sensor', kind: 'Number', unit: '%', decimals: 1 },
  { key: 'gasFlow', dis: 'Gas Flow', markers: 'naturalGas flow sensor', kind: 'Number', unit: 'cfh', decimals: 1, relativeNoise: 0.01 },
];

const BTU_PER_FT3_GAS = 1030;
/** a burner cycling below minimum fire: on/off period of its hot-water loop, ms */
const BOILER_CYCLE_MS = 20 * 60_000;
/** the hot-water loop stays enabled below this outdoor temperature, °F */
const LOOP_ENABLE_BELOW_F = 55;
/** heat the loop's piping loses while kept hot, share of boiler capacity */
const LOOP_LOSS_SHARE = 0.03;

/** `boiler:` in the profile: it carries the VAV boxes' reheat; its gas shows on the gas meter. */
export const boiler = defineEquipmentType({
  name: 'boiler',
  profile: {
    at: [],
    shape: {
      boiler: z.strictObject({
        id: idString,
        dis: z.string(),
        capacityMbh: z.number().positive(),
        efficiency: z.number().min(0.5).max(0.99).default(0.85),
        /** lowest stable firing rate, % of capacity: about 20–25 for a non-condensing boiler, about 10 for a condensing one */
        minFiringPercent: z.number().min(1).max(60).default(20),
        ...nameplate,
      }),
    },
  },
  expand: ({ boiler: b }) => [{ id: b.id, dis: b.dis, nameplate: b, config: b, points: boilerPoints }],
  tags: ({ nameplate }) => ({ ...markers('hot water boiler equip naturalGas'), ...nameplateTags(nameplate) }),
  physics: ({ equips, rows, seed }) => {
    const node = equips[0]!;
    const cfg = node.config;
    const r = {
      status: rows.one(node, 'status'),
      supply: rows.one(node, 'hwSupplyTemp'),
      supplySp: rows.one(node, 'hwSupplyTempSp'),
      ret: rows.one(node, 'hwReturnTemp'),
      firing: rows.one(node, 'firingRate'),
      gas: rows.one(node, 'gasFlow'),
    };
    const cycleKey = hashString(node.id);
    return {
      step(frame, k, state) {
        const T = frame.timestamps.length;
        const t = frame.timestamps[k]!;
        const truth = frame.truth;
        const oat = frame.weather.dryBulbF[k]!;
        const down = frame.faulted[node.position * T + k] === 1;
        const capacity = cfg.capacityMbh * 1000;
        // the hot-water loop is kept hot through the heating season, and its piping loses heat all along
        const loopOn = state.air.reheatBtuh > 0 || oat < LOOP_ENABLE_BELOW_F;
        const load = down || !loopOn ? 0 : Math.min(capacity, state.air.reheatBtuh * 1.05 + LOOP_LOSS_SHARE * capacity);
        // hot-water reset: 180 °F at 10 °F outdoors down to 140 °F at 60 °F
        const sp = 140 + 40 * Math.min(1, Math.max(0, (60 - oat) / 50));
        // below its minimum firing rate the burner cannot modulate: it fires at the minimum for a
        // share of each cycle equal to load / minimum and rests the rest (time-averaged heat is kept);
        // the loop's water swings a few degrees around setpoint as it does
        const minLoad = (cfg.minFiringPercent / 100) * capacity;
        const duty = load >= minLoad ? 1 : load / minLoad;
        const pos = (t / BOILER_CYCLE_MS + uniform(seed, cycleKey, 1)) % 1;
        const on = load > 0 && pos < duty;
        const fired = load >= minLoad ? load : on ? minLoad : 0;
        const swing = duty < 1 && load > 0 ? (on ? -3 + 6 * (pos / duty) : 3 - 6 * ((pos - duty) / (1 - duty))) : 0;
        const supply = load > 0 ? sp + swing : 75 + 0.1 * oat;
        const firing = (100 * fired) / capacity;
        // each start purges the hot firebox with cold air: cycling costs a few points of efficiency
        const gasCfh = fired / (cfg.efficiency * (0.94 + 0.06 * duty)) / BTU_PER_FT3_GAS;
        writeRow(truth, r.status, T, k, on ? 1 : 0);
        writeRow(truth, r.supply, T, k, supply);
        writeRow(truth, r.supplySp, T, k, sp);
        // 150 gal/min design loop flow: ΔT = BTU/h / (500 × gpm)
        writeRow(truth, r.ret, T, k, load > 0 ? supply - load / (500 * 150) : supply - 1);
        writeRow(truth, r.firing, T, k, firing);
        writeRow(truth, r.gas, T, k, gasCfh);
        state.plant.boilerGasCfh = gasCfh;
        state.plant.auxKw += on ? 2.5 : 0.2;
      },
    };
  },
  service: {
    category: 'boiler',
    capacityBtuh: (node) => Math.round(node.config.capacityMbh * 1000),
    // combustion efficiency as a percent
    efficiency: (node) => Math.round(node.config.efficiency * 1000) / 10,
  },
});
