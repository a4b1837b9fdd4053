// What the service company knows about the simulated building's kinds of equipment: how their
// nameplates enter the catalogue, who repairs them, how urgent a failure is and which parts a
// repair uses. Commercial plant, priced and warranted as such (the residential catalogue's
// air handlers and boilers are much smaller units).
import type { LinkedCategory } from '../link/building-link.js';
import type { EFFICIENCY_METRICS, FUEL_TYPES, SKILL_CATEGORIES } from '../tables/vocabulary-codes.js';
import { PART_USE, type PartUse } from './hvac-parts.js';

export interface BuildingEquipmentSpec {
  readonly fuel: (typeof FUEL_TYPES)[number];
  /** the rating scheme of LinkedDevice.efficiency (null: no rating) */
  readonly metric: (typeof EFFICIENCY_METRICS)[number] | null;
  /** list price of the unit alone, USD, from the nameplate capacity */
  readonly priceDollars: (capacityBtuh: number) => number;
  readonly warrantyYears: number;
  readonly lifeYears: number;
  /** the skill a repair needs (the technician pick weighs it) */
  readonly skill: (typeof SKILL_CATEGORIES)[number];
  /** central plant down: the whole building feels it, so the work order is urgent (else high) */
  readonly plant: boolean;
  /** part lines per repair [min, max] and which categories they come from */
  readonly partLines: readonly [number, number];
  readonly parts: PartUse;
  readonly location: string;
}

/** design airflow behind an air handler's capacity (sensible cooling across a 20 °F coil) */
const cfm = (btuh: number) => btuh / (1.08 * 20);

export const BUILDING_EQUIPMENT: Readonly<Record<LinkedCategory, BuildingEquipmentSpec>> = {
  chiller: {
    fuel: 'electric',
    metric: 'kW/ton',
    priceDollars: (btuh) => (btuh / 12_000) * 750,
    warrantyYears: 1,
    lifeYears: 25,
    skill: 'refrigeration',
    plant: true,
    partLines: [2, 4],
    parts: PART_USE.repair.cooling,
    location: 'Basement mechanical room',
  },
  cooling_tower: {
    fuel: 'electric',
    metric: null,
    priceDollars: (btuh) => (btuh / 15_000) * 250,
    warrantyYears: 1,
    lifeYears: 20,
    skill: 'refrigeration',
    plant: true,
    partLines: [1, 3],
    parts: { fan_motor: 2, belt: 2, contactor: 1, sensor: 1, valve: 0.8, control_board: 0.5 },
    location: 'Roof',
  },
  boiler: {
    fuel: 'natural_gas',
    metric: 'AFUE',
    priceDollars: (btuh) => (btuh / 1000) * 25,
    warrantyYears: 5,
    lifeYears: 25,
    skill: 'heating',
    plant: true,
    partLines: [2, 4],
    parts: PART_USE.repair.heating,
    location: 'Boiler room',
  },
  air_handler: {
    fuel: 'electric',
    metric: null,
    priceDollars: (btuh) => cfm(btuh) * 5,
    warrantyYears: 1,
    lifeYears: 25,
    skill: 'ventilation',
    plant: false,
    partLines: [1, 3],
    parts: PART_USE.repair.air,
    location: 'Mechanical penthouse',
  },
  vav_terminal: {
    fuel: 'electric',
    metric: null,
    priceDollars: () => 1800,
    warrantyYears: 1,
    lifeYears: 25,
    skill: 'controls',
    plant: false,
    partLines: [1, 2],
    parts: { control_board: 2, sensor: 2, valve: 1.5, thermostat: 0.5 },
    location: 'Above ceiling',
  },
};
