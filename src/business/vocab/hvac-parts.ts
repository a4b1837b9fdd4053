// Real part types with the prices HVAC distributors charge contractors (USD per unit).
import type { PART_CATEGORIES, UNITS_OF_MEASURE } from '../tables/vocabulary-codes.js';
import type { Duty } from './hvac-equipment.js';

export type PartCategory = (typeof PART_CATEGORIES)[number];

export interface PartSpec {
  readonly code: string;
  readonly unit: (typeof UNITS_OF_MEASURE)[number];
  /** cost range per unit, USD */
  readonly cost: readonly [number, number];
  /** names; a name is chosen per part and given a size or rating */
  readonly names: readonly string[];
  readonly variants: readonly string[];
  /** typical quantity used per job [min, max] */
  readonly quantity: readonly [number, number];
  readonly leadTimeDays: readonly [number, number];
}

export const PART_SPECS: Readonly<Record<PartCategory, PartSpec>> = {
  filter: {
    code: 'FLT',
    unit: 'each',
    cost: [8, 40],
    names: ['Pleated Air Filter MERV 8', 'Pleated Air Filter MERV 11', 'Pleated Air Filter MERV 13', 'Media Filter MERV 13'],
    variants: ['16x20x1', '16x25x1', '20x20x1', '20x25x1', '20x25x4', '16x25x5', '20x25x5'],
    quantity: [1, 4],
    leadTimeDays: [1, 3],
  },
  compressor: {
    code: 'CMP',
    unit: 'each',
    cost: [600, 2500],
    names: [
      'Copeland Scroll Compressor',
      'Copeland Variable-Speed Scroll Compressor',
      'Tecumseh Reciprocating Compressor',
      'Danfoss Scroll Compressor',
    ],
    variants: ['1.5 Ton R-410A', '2 Ton R-410A', '3 Ton R-410A', '4 Ton R-410A', '5 Ton R-410A', '3 Ton R-454B', '4 Ton R-454B'],
    quantity: [1, 1],
    leadTimeDays: [3, 10],
  },
  coil: {
    code: 'COL',
    unit: 'each',
    cost: [350, 1800],
    names: ['Cased Evaporator A-Coil', 'Uncased Evaporator Coil', 'Condenser Coil'],
    variants: ['2 Ton', '2.5 Ton', '3 Ton', '3.5 Ton', '4 Ton', '5 Ton'],
    quantity: [1, 1],
    leadTimeDays: [3, 14],
  },
  fan_motor: {
    code: 'MTR',
    unit: 'each',
    cost: [90, 650],
    names: ['Condenser Fan Motor', 'PSC Blower Motor', 'ECM X13 Blower Motor', 'Inducer Motor Assembly'],
    variants: ['1/6 HP', '1/4 HP', '1/3 HP', '1/2 HP', '3/4 HP', '1 HP'],
    quantity: [1, 1],
    leadTimeDays: [1, 5],
  },
  capacitor: {
    code: 'CAP',
    unit: 'each',
    cost: [15, 60],
    names: ['Dual Run Capacitor', 'Run Capacitor', 'Start Capacitor'],
    variants: ['35/5 MFD 440V', '40/5 MFD 440V', '45/5 MFD 440V', '55/5 MFD 440V', '7.5 MFD 370V', '10 MFD 440V', '88-108 MFD 250V'],
    quantity: [1, 1],
    leadTimeDays: [1, 2],
  },
  contactor: {
    code: 'CON',
    unit: 'each',
    cost: [15, 45],
    names: ['Definite Purpose Contactor'],
    variants: ['1-Pole 30A 24V', '2-Pole 30A 24V', '2-Pole 40A 24V', '3-Pole 40A 24V'],
    quantity: [1, 1],
    leadTimeDays: [1, 2],
  },
  thermostat: {
    code: 'TST',
    unit: 'each',
    cost: [45, 280],
    names: [
      'Honeywell T6 Pro Programmable Thermostat',
      'Honeywell Home T9 Smart Thermostat',
      'ecobee Smart Thermostat Premium',
      'Emerson Sensi Touch 2 Thermostat',
      'Google Nest Learning Thermostat',
    ],
    variants: ['White', 'Black', 'with Sensor'],
    quantity: [1, 1],
    leadTimeDays: [1, 3],
  },
  refrigerant: {
    code: 'REF',
    unit: 'lb',
    cost: [12, 55],
    names: ['R-410A Refrigerant', 'R-454B Refrigerant', 'R-32 Refrigerant', 'R-22 Refrigerant (reclaimed)'],
    variants: ['25 lb cylinder', '20 lb cylinder', '30 lb cylinder'],
    quantity: [1, 8],
    leadTimeDays: [1, 4],
  },
  igniter: {
    code: 'IGN',
    unit: 'each',
    cost: [20, 75],
    names: ['Hot Surface Igniter Silicon Nitride', 'Hot Surface Igniter Silicon Carbide', 'Spark Igniter'],
    variants: ['80V', '120V', 'Universal'],
    quantity: [1, 1],
    leadTimeDays: [1, 3],
  },
  control_board: {
    code: 'CTB',
    unit: 'each',
    cost: [120, 450],
    names: ['Furnace Integrated Control Board', 'Heat Pump Defrost Control Board', 'Universal Ignition Control Module'],
    variants: ['OEM', 'Universal', 'Two-Stage'],
    quantity: [1, 1],
    leadTimeDays: [2, 7],
  },
  valve: {
    code: 'VLV',
    unit: 'each',
    cost: [60, 400],
    names: ['Gas Valve 24V', 'TXV Expansion Valve', 'Reversing Valve', 'Service Valve'],
    variants: ['Single-Stage', 'Two-Stage', '3 Ton', '5 Ton', '3/8 in'],
    quantity: [1, 1],
    leadTimeDays: [2, 7],
  },
  belt: {
    code: 'BLT',
    unit: 'each',
    cost: [8, 30],
    names: ['V-Belt', 'Cogged V-Belt'],
    variants: ['A36', 'A42', 'A48', 'B46', 'B52', 'AX40'],
    quantity: [1, 2],
    leadTimeDays: [1, 3],
  },
  sensor: {
    code: 'SNS',
    unit: 'each',
    cost: [12, 90],
    names: ['Flame Sensor', 'Outdoor Temperature Sensor', 'Pressure Switch', 'Limit Switch', 'Condensate Overflow Switch'],
    variants: ['Universal', 'OEM', '0.55 in WC', '1.40 in WC'],
    quantity: [1, 1],
    leadTimeDays: [1, 3],
  },
  blower_wheel: {
    code: 'BLW',
    unit: 'each',
    cost: [60, 180],
    names: ['Blower Wheel', 'Direct-Drive Blower Wheel'],
    variants: ['10x8', '10x10', '11x10', '12x9'],
    quantity: [1, 1],
    leadTimeDays: [2, 7],
  },
};

/** HVAC distributors the company buys from. */
export const SUPPLIERS = [
  'Johnstone Supply',
  'Ferguson HVAC',
  'Carrier Enterprise',
  'Winsupply',
  'RE Michel Company',
  'Baker Distributing',
  'Lennox PartsPlus',
  'United Refrigeration',
  "Munch's Supply",
] as const;

/** relative weights of the part categories a job draws from */
export type PartUse = Partial<Record<PartCategory, number>>;
const cooling: PartUse = {
  capacitor: 3,
  contactor: 2,
  fan_motor: 1.5,
  refrigerant: 2.5,
  coil: 0.5,
  compressor: 0.5,
  control_board: 0.5,
  valve: 0.6,
  thermostat: 0.6,
  sensor: 0.4,
};
const heating: PartUse = {
  igniter: 3,
  sensor: 2.5,
  control_board: 1.5,
  valve: 1,
  fan_motor: 1,
  blower_wheel: 0.5,
  filter: 0.5,
  thermostat: 0.6,
};
const air: PartUse = { fan_motor: 2, blower_wheel: 1, belt: 1.5, control_board: 0.8, sensor: 1, capacitor: 1.5 };
const both: PartUse = Object.fromEntries(
  Object.keys(PART_SPECS).map((k) => [k, ((cooling[k as PartCategory] ?? 0) + (heating[k as PartCategory] ?? 0)) / 2]),
);

const DUTIES: readonly Duty[] = ['cooling', 'heating', 'both', 'air'];
const perDuty = (use: (duty: Duty) => PartUse) => Object.fromEntries(DUTIES.map((d) => [d, use(d)])) as Record<Duty, PartUse>;

/** Which parts a job uses, by kind of work and the unit's duty: relative weights per category. */
export const PART_USE: Readonly<Record<'repair' | 'maintenance' | 'installation' | 'inspection', Readonly<Record<Duty, PartUse>>>> = {
  repair: { cooling, heating, both, air },
  maintenance: {
    cooling: { filter: 6, refrigerant: 1.5, capacitor: 1, contactor: 0.5, belt: 0.3 },
    heating: { filter: 6, sensor: 1.5, igniter: 0.8, belt: 0.5 },
    both: { filter: 6, refrigerant: 1, capacitor: 0.8, sensor: 0.8 },
    air: { filter: 6, belt: 1.5, blower_wheel: 0.3 },
  },
  installation: perDuty((d) => ({
    refrigerant: d === 'heating' ? 0 : 3,
    thermostat: 2,
    filter: 2,
    valve: 1,
    contactor: 0.5,
    capacitor: 0.5,
    sensor: 0.5,
  })),
  inspection: perDuty(() => ({ filter: 3, sensor: 1 })),
};
