// Phase 2 for the company's own tables: staff, catalogues, fleet and stock.
import { CATEGORY_SPECS, PRODUCT_LINES } from '../vocab/hvac-equipment.js';
import { PART_SPECS, SUPPLIERS } from '../vocab/hvac-parts.js';
import { COMPANY_DOMAIN, COMPANY_HQ, SERVICE_CITIES } from '../vocab/service-area.js';
import {
  ABC_CLASSES,
  CERTIFICATION_LEVELS,
  PART_CATEGORIES,
  SKILL_CATEGORIES,
  SKILL_LEVELS,
  VEHICLE_STATUSES,
  VEHICLE_TYPES,
} from '../tables/vocabulary-codes.js';
import { decimal, isoDate, isoTimestamp, money } from '../tables/cell-format.js';
import type { Row } from '../tables/table-def.js';
import { MINUTES_PER_DAY, minuteMs } from './calendar.js';
import { yearOf } from '../../time/civil-days.js';
import type { BusinessPlan } from './business-plan.js';
import { LEVEL } from './plan-catalog.js';
import { contactAt, letters } from './contact-identity.js';
import { rowRandom } from './row-random.js';

const CERTIFICATIONS_BY_LEVEL: Readonly<Record<number, readonly number[]>> = {
  [LEVEL.junior]: [0, 1],
  [LEVEL.senior]: [2, 3],
  [LEVEL.lead]: [4],
  [LEVEL.specialist]: [3, 4],
};

export function technicianRow(plan: BusinessPlan, i: number): Row {
  const t = plan.technicians;
  const contact = contactAt(plan.seed, 'technicians.contact', i, false, '');
  const held = SKILL_CATEGORIES.filter((_, s) => s !== t.primarySkill[i] && t.skills[i] & (1 << s));
  const cert = rowRandom(plan.seed, 'technicians.render', i).pick(CERTIFICATIONS_BY_LEVEL[t.level[i]]);
  return [
    i + 1,
    contact.first,
    contact.last,
    `${letters(contact.first).charAt(0)}${letters(contact.last)}${i + 1}@${COMPANY_DOMAIN}`,
    contact.phone,
    isoDate(t.hireDay[i]),
    SKILL_LEVELS[t.level[i]],
    SKILL_CATEGORIES[t.primarySkill[i]],
    [SKILL_CATEGORIES[t.primarySkill[i]], ...held].join('|'),
    money(t.rateDollars[i] * 100),
    t.experienceYears[i],
    CERTIFICATION_LEVELS[cert],
    true,
  ];
}

export function equipmentTypeRow(plan: BusinessPlan, i: number): Row {
  const e = plan.equipmentTypes;
  const line = PRODUCT_LINES[e.line[i]];
  const spec = CATEGORY_SPECS[line.category];
  const r = rowRandom(plan.seed, 'equipment_types.render', i);
  const [worst, best] = spec.efficiency;
  const revision = Math.floor(i / PRODUCT_LINES.length);
  return [
    i + 1,
    line.brand,
    `${line.prefix}${spec.capacityCode(e.capacityBtuh[i])}${line.suffix}${revision}`,
    line.category,
    r.pick(spec.fuels),
    e.capacityBtuh[i],
    spec.metric,
    decimal(Number((worst + r.next() * (best - worst)).toFixed(spec.efficiencyPlaces)), 2), // rated to the category's usual precision, shown at the column's scale
    spec.market,
    money(e.listPriceCents[i]),
    e.warrantyYears[i],
    r.int(spec.lifeYears[0], spec.lifeYears[1]),
  ];
}

export function partRow(plan: BusinessPlan, p: number): Row {
  const parts = plan.parts;
  const category = PART_CATEGORIES[parts.category[p]];
  const spec = PART_SPECS[category];
  const r = rowRandom(plan.seed, 'parts.render', p);
  return [
    p + 1,
    `${spec.code}-${String(p + 1).padStart(5, '0')}`,
    `${r.pick(spec.names)}, ${r.pick(spec.variants)}`,
    category,
    spec.unit,
    money(parts.unitCostCents[p]),
    r.pick(SUPPLIERS),
    parts.leadTimeDays[p],
  ];
}

const VEHICLES = [
  { make: 'Ford', model: 'Transit 250', type: 0, wmi: '1FT' },
  { make: 'Chevrolet', model: 'Express 2500', type: 0, wmi: '1GC' },
  { make: 'Ram', model: 'ProMaster 2500', type: 0, wmi: '3C6' },
  { make: 'Mercedes-Benz', model: 'Sprinter 2500', type: 0, wmi: 'W1Y' },
  { make: 'Ford', model: 'F-250 Super Duty', type: 1, wmi: '1FT' },
  { make: 'Chevrolet', model: 'Silverado 2500HD', type: 1, wmi: '1GC' },
  { make: 'Isuzu', model: 'NPR-HD', type: 2, wmi: 'JAL' },
];
const VEHICLE_WEIGHTS = [5, 3, 3, 2, 2, 2, 1];
const TELEMATICS = [
  { name: 'Samsara', prefix: 'SAM' },
  { name: 'Verizon Connect', prefix: 'VZC' },
  { name: 'Geotab', prefix: 'GTB' },
  { name: 'Motive', prefix: 'MTV' },
];
/** VIN characters (no I, O, Q) and model-year codes from 2015 (F) */
const VIN_CHARS = [...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'];
const CHECK_CHARS = [...'0123456789X'];
const YEAR_CODES = 'FGHJKLMNPRSTV';

export function vehicleRow(plan: BusinessPlan, v: number): Row {
  const r = rowRandom(plan.seed, 'vehicle_fleet.render', v);
  const { asOf } = plan.timeline;
  const vehicle = VEHICLES[r.weighted(VEHICLE_WEIGHTS)];
  const year = yearOf(asOf) - r.int(0, 8);
  const assigned = v < plan.technicians.count;
  // the whole fleet runs one telematics provider
  const telematics = TELEMATICS[rowRandom(plan.seed, 'vehicle_fleet.provider', 0).int(0, TELEMATICS.length - 1)];
  const status = r.weighted([90, 7, 3]);
  const interval = r.pick([5000, 7500, 10000]);
  const lastMaintenance = asOf - r.int(5, 120);
  const milesPerDay = r.int(60, 140);
  const where = assigned && status === 0 ? SERVICE_CITIES[r.int(0, SERVICE_CITIES.length - 1)] : COMPANY_HQ;
  // WMI, 5 descriptor characters, check digit, model year, plant, 6-digit serial (the vehicle's number)
  const vin = `${vehicle.wmi}${Array.from({ length: 5 }, () => r.pick(VIN_CHARS)).join('')}${r.pick(CHECK_CHARS)}${YEAR_CODES[Math.max(0, year - 2015) % YEAR_CODES.length]}${r.pick(['K', 'T', 'S', 'D'])}${String(v + 1).padStart(6, '0')}`;
  return [
    v + 1,
    assigned ? v + 1 : null,
    vehicle.make,
    vehicle.model,
    year,
    vin,
    `${r.pick(['R', 'S', 'T', 'V', 'W'])}${r.pick(['K', 'L', 'M', 'N'])}${r.pick(['P', 'R', 'S'])}-${String(r.int(1000, 9999))}`,
    VEHICLE_TYPES[vehicle.type],
    Math.round((yearOf(asOf) - year + 0.5) * milesPerDay * 250),
    interval,
    isoDate(lastMaintenance),
    isoDate(lastMaintenance + Math.round(interval / milesPerDay)),
    `${telematics.prefix}-${String(v + 1).padStart(6, '0')}`,
    telematics.name,
    decimal(where.lat + r.range(-0.05, 0.05), 6),
    decimal(where.lon + r.range(-0.05, 0.05), 6),
    isoTimestamp(minuteMs(asOf * MINUTES_PER_DAY + r.int(16 * 60, 19 * 60))),
    VEHICLE_STATUSES[status],
  ];
}

export function inventoryRow(plan: BusinessPlan, k: number): Row {
  const inv = plan.inventory;
  const r = rowRandom(plan.seed, 'inventory.render', k);
  const used = inv.annualUnits[k] > 0;
  return [
    k + 1,
    k + 1,
    `${String.fromCharCode(65 + (k % 8))}${String(1 + (Math.floor(k / 8) % 12)).padStart(2, '0')}-R${1 + (Math.floor(k / 96) % 6)}-B${String(1 + (k % 40)).padStart(2, '0')}`,
    inv.onHand[k],
    inv.reorderPoint[k],
    inv.reorderQuantity[k],
    inv.annualUnits[k],
    money(inv.annualValueCents[k]),
    ABC_CLASSES[inv.abc[k]],
    used || r.chance(0.5) ? isoDate(plan.timeline.asOf - r.int(1, used ? 45 : 300)) : null,
  ];
}
