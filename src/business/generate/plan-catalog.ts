// Phase 1 for the company's own tables: technicians, the equipment catalogue and the parts list,
// as compact facts the later planners and the renderers read.
import { CATEGORY_SPECS, PRODUCT_LINES } from '../vocab/hvac-equipment.js';
import { PART_SPECS } from '../vocab/hvac-parts.js';
import { EQUIPMENT_CATEGORIES, PART_CATEGORIES, SKILL_CATEGORIES } from '../tables/vocabulary-codes.js';
import type { Timeline } from './business-timeline.js';
import { rowRandom } from './row-random.js';
import { countBelow, groupBy, pickCumulative, type GroupIndex } from './sampling.js';

export const LEVEL = { junior: 0, senior: 1, lead: 2, specialist: 3 } as const;
export const SKILL = Object.fromEntries(SKILL_CATEGORIES.map((s, i) => [s, i])) as Record<(typeof SKILL_CATEGORIES)[number], number>;

export interface Technicians {
  readonly count: number;
  /** sorted ascending: technician 0 is the founder */
  readonly hireDay: Int32Array;
  readonly level: Uint8Array;
  readonly primarySkill: Uint8Array;
  /** bit s set: holds SKILL_CATEGORIES[s] */
  readonly skills: Uint8Array;
  readonly rateDollars: Int32Array;
  readonly experienceYears: Int32Array;
  /** cumulative assignment weights per (skill × 2 + emergency), over technicians in hire order */
  readonly cumulativeWeight: readonly Float64Array[];
}

const PRIMARY_SKILL_WEIGHTS = [2, 1, 2.5, 2, 1, 1, 0.8];
const EXTRA_SKILLS: Readonly<Record<number, readonly [number, number]>> = { 0: [0, 1], 1: [1, 3], 2: [3, 5], 3: [1, 2] };
const RATE: Readonly<Record<number, readonly [number, number]>> = { 0: [65, 85], 1: [90, 115], 2: [115, 140], 3: [110, 150] };
/** emergencies go to seniors and leads; routine work leans on juniors and seniors */
const LEVEL_WEIGHT = [
  [1.3, 1, 0.6, 0.8],
  [0.15, 2, 3, 1.5],
];

export function planTechnicians(seed: number, count: number, t: Timeline): Technicians {
  const hireDay = new Int32Array(count);
  for (let i = 0; i < count; i++)
    hireDay[i] =
      i === 0
        ? t.founded
        : t.founded +
          Math.floor(((i - 1 + rowRandom(seed, 'technicians.hire', i).next()) / Math.max(1, count - 1)) * (t.asOf - 60 - t.founded));
  const level = new Uint8Array(count);
  const primarySkill = new Uint8Array(count);
  const skills = new Uint8Array(count);
  const rateDollars = new Int32Array(count);
  const experienceYears = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const r = rowRandom(seed, 'technicians.plan', i);
    const years = Math.floor((t.asOf - hireDay[i]) / 365) + r.int(0, 4);
    // a crew of mostly juniors and seniors, a few leads and specialists
    const lvl =
      years >= 13
        ? r.chance(0.5)
          ? LEVEL.lead
          : LEVEL.senior
        : years >= 6
          ? r.chance(0.25)
            ? LEVEL.specialist
            : LEVEL.senior
          : LEVEL.junior;
    const primary = r.weighted(PRIMARY_SKILL_WEIGHTS);
    let mask = 1 << primary;
    const [lo, hi] = EXTRA_SKILLS[lvl];
    for (let k = r.int(lo, hi); k > 0; k--) mask |= 1 << r.weighted(PRIMARY_SKILL_WEIGHTS);
    level[i] = lvl;
    primarySkill[i] = primary;
    skills[i] = mask;
    rateDollars[i] = r.int(RATE[lvl][0], RATE[lvl][1]);
    experienceYears[i] = years;
  }
  const cumulativeWeight: Float64Array[] = [];
  for (let s = 0; s < SKILL_CATEGORIES.length; s++) {
    for (let e = 0; e < 2; e++) {
      const cum = new Float64Array(count);
      let acc = 0;
      for (let i = 0; i < count; i++) {
        const fit = primarySkill[i] === s ? 6 : skills[i] & (1 << s) ? 4 : 1;
        cum[i] = acc += LEVEL_WEIGHT[e][level[i]] * fit;
      }
      cumulativeWeight.push(cum);
    }
  }
  return { count, hireDay, level, primarySkill, skills, rateDollars, experienceYears, cumulativeWeight };
}

/** A technician hired before `day`, weighted by fit for the skill and by level (emergencies favour seniors and leads). */
export function pickTechnician(techs: Technicians, skill: number, emergency: boolean, day: number, u: number): number {
  const cumulative = techs.cumulativeWeight[skill * 2 + (emergency ? 1 : 0)];
  const hired = Math.max(1, countBelow(techs.hireDay, day));
  return pickCumulative(cumulative, u * cumulative[hired - 1], hired);
}

/** Labour billed for a visit: quarter hours rounded up at the technician's whole-dollar rate, so always whole cents. */
export const billedLabourCents = (minutes: number, rateDollars: number): number => Math.ceil(minutes / 15) * rateDollars * 25;

export interface EquipmentTypes {
  readonly count: number;
  /** index into PRODUCT_LINES */
  readonly line: Uint16Array;
  /** index into EQUIPMENT_CATEGORIES */
  readonly category: Uint8Array;
  readonly commercial: Uint8Array;
  readonly capacityBtuh: Int32Array;
  readonly listPriceCents: Float64Array;
  readonly warrantyYears: Uint8Array;
  /** types of each market (0 residential, 1 commercial) */
  readonly byMarket: GroupIndex;
}

export function planEquipmentTypes(seed: number, count: number): EquipmentTypes {
  const line = new Uint16Array(count);
  const category = new Uint8Array(count);
  const commercial = new Uint8Array(count);
  const capacityBtuh = new Int32Array(count);
  const listPriceCents = new Float64Array(count);
  const warrantyYears = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const r = rowRandom(seed, 'equipment_types.plan', i);
    const l = PRODUCT_LINES[i % PRODUCT_LINES.length];
    const spec = CATEGORY_SPECS[l.category];
    const c = r.int(0, spec.capacities.length - 1);
    const position = spec.capacities.length > 1 ? c / (spec.capacities.length - 1) : 0;
    const dollars = (spec.price[0] + position * (spec.price[1] - spec.price[0])) * r.range(0.92, 1.12);
    line[i] = i % PRODUCT_LINES.length;
    category[i] = EQUIPMENT_CATEGORIES.indexOf(l.category);
    commercial[i] = spec.market === 'commercial' ? 1 : 0;
    capacityBtuh[i] = spec.capacities[c];
    listPriceCents[i] = Math.round(dollars / 5) * 500;
    warrantyYears[i] = r.pick(spec.warrantyYears);
  }
  return {
    count,
    line,
    category,
    commercial,
    capacityBtuh,
    listPriceCents,
    warrantyYears,
    byMarket: groupBy(Int32Array.from(commercial), 2),
  };
}

export interface Parts {
  readonly count: number;
  /** index into PART_CATEGORIES */
  readonly category: Uint8Array;
  readonly unitCostCents: Int32Array;
  readonly leadTimeDays: Uint8Array;
  readonly byCategory: GroupIndex;
}

export function planParts(seed: number, count: number): Parts {
  const category = new Uint8Array(count);
  const unitCostCents = new Int32Array(count);
  const leadTimeDays = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const r = rowRandom(seed, 'parts.plan', i);
    const cat = PART_CATEGORIES[i % PART_CATEGORIES.length];
    const spec = PART_SPECS[cat];
    // log-uniform: cheap variants are common, expensive ones rare, as in a real price list
    const dollars = Math.exp(r.range(Math.log(spec.cost[0]), Math.log(spec.cost[1])));
    category[i] = i % PART_CATEGORIES.length;
    unitCostCents[i] = Math.max(1, Math.round(dollars)) * 100 - 1; // list prices end in .99
    leadTimeDays[i] = r.int(spec.leadTimeDays[0], spec.leadTimeDays[1]);
  }
  return { count, category, unitCostCents, leadTimeDays, byCategory: groupBy(Int32Array.from(category), PART_CATEGORIES.length) };
}
