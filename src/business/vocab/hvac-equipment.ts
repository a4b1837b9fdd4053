// Real HVAC brands and product lines, with the capacity and efficiency ranges each kind of unit
// is actually sold in (US market, 2023+ DOE ratings: SEER2/HSPF2 for split systems, AFUE for
// fuel-fired heat, IEER for rooftop units, kW/ton for chillers).
import type { EQUIPMENT_CATEGORIES, EFFICIENCY_METRICS, FUEL_TYPES, MARKETS } from '../tables/vocabulary-codes.js';

export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];
/** is a unit cooling, heating or both, or does it only move air (drives which skill, parts and problem texts its calls get) */
export type Duty = 'cooling' | 'heating' | 'both' | 'air';

export interface CategorySpec {
  readonly category: EquipmentCategory;
  readonly market: (typeof MARKETS)[number];
  readonly fuels: readonly (typeof FUEL_TYPES)[number][];
  /** capacities sold, Btu/h */
  readonly capacities: readonly number[];
  /** null: the unit has no efficiency rating of its own (a VAV box, a cooling tower) */
  readonly metric: (typeof EFFICIENCY_METRICS)[number] | null;
  /** rating range [worst, best]; decimals shown */
  readonly efficiency: readonly [number, number];
  readonly efficiencyPlaces: number;
  /** list price of the unit alone (no labour or materials), USD, at the smallest and largest capacity */
  readonly price: readonly [number, number];
  readonly warrantyYears: readonly number[];
  readonly lifeYears: readonly [number, number];
  /** model-number capacity code: kBtu/h for split systems, tons for commercial units */
  readonly capacityCode: (btuh: number) => string;
  readonly duty: Duty;
}

const kbtu = (btuh: number) => String(btuh / 1000).padStart(3, '0');
const tons = (btuh: number) => String(Math.round(btuh / 12000)).padStart(3, '0');
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

export const CATEGORY_SPECS: Readonly<Record<EquipmentCategory, CategorySpec>> = {
  central_ac: {
    category: 'central_ac',
    market: 'residential',
    fuels: ['electric'],
    capacities: range(18000, 60000, 6000),
    metric: 'SEER2',
    efficiency: [13.4, 22.0],
    efficiencyPlaces: 1,
    price: [3800, 8000],
    warrantyYears: [10],
    lifeYears: [12, 17],
    capacityCode: kbtu,
    duty: 'cooling',
  },
  heat_pump: {
    category: 'heat_pump',
    market: 'residential',
    fuels: ['electric'],
    capacities: range(18000, 60000, 6000),
    metric: 'HSPF2',
    efficiency: [7.5, 10.0],
    efficiencyPlaces: 1,
    price: [4500, 8000],
    warrantyYears: [10],
    lifeYears: [12, 16],
    capacityCode: kbtu,
    duty: 'both',
  },
  furnace: {
    category: 'furnace',
    market: 'residential',
    fuels: ['natural_gas', 'natural_gas', 'natural_gas', 'propane'],
    capacities: range(40000, 120000, 20000),
    metric: 'AFUE',
    efficiency: [80.0, 98.5],
    efficiencyPlaces: 1,
    price: [2800, 7200],
    warrantyYears: [10],
    lifeYears: [15, 25],
    capacityCode: kbtu,
    duty: 'heating',
  },
  boiler: {
    category: 'boiler',
    market: 'residential',
    fuels: ['natural_gas', 'natural_gas', 'oil', 'propane'],
    capacities: range(60000, 200000, 20000),
    metric: 'AFUE',
    efficiency: [82.0, 95.0],
    efficiencyPlaces: 1,
    price: [4500, 9000],
    warrantyYears: [10, 12],
    lifeYears: [20, 30],
    capacityCode: kbtu,
    duty: 'heating',
  },
  ductless_mini_split: {
    category: 'ductless_mini_split',
    market: 'residential',
    fuels: ['electric'],
    capacities: [9000, 12000, 18000, 24000, 30000, 36000],
    metric: 'SEER2',
    efficiency: [17.0, 30.5],
    efficiencyPlaces: 1,
    price: [3000, 7500],
    warrantyYears: [7, 10, 12],
    lifeYears: [15, 20],
    capacityCode: kbtu,
    duty: 'both',
  },
  packaged_rooftop_unit: {
    category: 'packaged_rooftop_unit',
    market: 'commercial',
    fuels: ['natural_gas', 'electric'],
    capacities: [36000, 48000, 60000, 72000, 90000, 120000, 150000, 180000, 240000, 300000],
    metric: 'IEER',
    efficiency: [12.0, 18.0],
    efficiencyPlaces: 1,
    price: [11000, 52000],
    warrantyYears: [1, 5],
    lifeYears: [15, 20],
    capacityCode: tons,
    duty: 'both',
  },
  air_handler: {
    category: 'air_handler',
    market: 'residential',
    fuels: ['electric'],
    capacities: range(18000, 60000, 6000),
    metric: 'SEER2',
    efficiency: [14.3, 17.5],
    efficiencyPlaces: 1,
    price: [1600, 3900],
    warrantyYears: [10],
    lifeYears: [18, 25],
    capacityCode: kbtu,
    duty: 'air',
  },
  chiller: {
    category: 'chiller',
    market: 'commercial',
    fuels: ['electric'],
    capacities: [360000, 600000, 900000, 1200000, 1800000, 2400000, 3600000],
    metric: 'kW/ton',
    efficiency: [0.75, 0.55],
    efficiencyPlaces: 2,
    price: [65000, 420000],
    warrantyYears: [1, 2],
    lifeYears: [20, 30],
    capacityCode: tons,
    duty: 'cooling',
  },
  // commercial terminal units and heat rejection: no product line sells them in the catalogue, the building link installs them
  vav_terminal: {
    category: 'vav_terminal',
    market: 'commercial',
    fuels: ['electric'],
    capacities: range(12000, 120000, 12000),
    metric: null,
    efficiency: [0, 0],
    efficiencyPlaces: 0,
    price: [900, 3500],
    warrantyYears: [1],
    lifeYears: [20, 30],
    capacityCode: tons,
    duty: 'air',
  },
  cooling_tower: {
    category: 'cooling_tower',
    market: 'commercial',
    fuels: ['electric'],
    capacities: [1500000, 3000000, 4500000, 6000000, 9000000, 12000000],
    metric: null,
    efficiency: [0, 0],
    efficiencyPlaces: 0,
    price: [40000, 260000],
    warrantyYears: [1, 5],
    lifeYears: [15, 25],
    capacityCode: tons,
    duty: 'cooling',
  },
};

/** One real product line: brand, category and the shape of its model numbers. */
export interface ProductLine {
  readonly brand: string;
  readonly category: EquipmentCategory;
  /** model number = prefix + capacity code + suffix + revision */
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Ordered so that the first lines cover every category and a spread of brands: a small catalogue
 * still has ACs, furnaces, heat pumps and commercial units.
 */
export const PRODUCT_LINES: readonly ProductLine[] = [
  { brand: 'Carrier', category: 'central_ac', prefix: '24ACC6', suffix: 'A00' },
  { brand: 'Trane', category: 'furnace', prefix: 'S9V2B', suffix: 'U3PSB' },
  { brand: 'Lennox', category: 'heat_pump', prefix: 'EL16XP1-', suffix: '-230A' },
  { brand: 'Rheem', category: 'central_ac', prefix: 'RA14AZ', suffix: 'AJ1NA' },
  { brand: 'Goodman', category: 'furnace', prefix: 'GR9S96', suffix: '0CN' },
  { brand: 'Daikin', category: 'ductless_mini_split', prefix: 'FTX', suffix: 'WVJU9' },
  { brand: 'York', category: 'packaged_rooftop_unit', prefix: 'ZF', suffix: 'C00A2' },
  { brand: 'Mitsubishi Electric', category: 'ductless_mini_split', prefix: 'MSZ-GS', suffix: 'NA-U1' },
  { brand: 'Trane', category: 'chiller', prefix: 'CGAM', suffix: 'F2' },
  { brand: 'Bryant', category: 'heat_pump', prefix: '215B', suffix: 'N00' },
  { brand: 'American Standard', category: 'central_ac', prefix: '4A7A6', suffix: 'H1000A' },
  { brand: 'Carrier', category: 'air_handler', prefix: 'FE4ANF', suffix: '00' },
  { brand: 'Weil-McLain', category: 'boiler', prefix: 'ECO', suffix: 'N' },
  { brand: 'Ruud', category: 'heat_pump', prefix: 'UP14AZ', suffix: 'AJ3NA' },
  { brand: 'Lennox', category: 'furnace', prefix: 'EL296UH', suffix: 'XE48C' },
  { brand: 'Goodman', category: 'central_ac', prefix: 'GSXH5', suffix: '10' },
  { brand: 'Carrier', category: 'packaged_rooftop_unit', prefix: '48FC', suffix: 'A0A0' },
  { brand: 'Trane', category: 'central_ac', prefix: '4TTR4', suffix: 'L1000A' },
  { brand: 'Daikin', category: 'heat_pump', prefix: 'DZ16SA', suffix: '1B' },
  { brand: 'Carrier', category: 'furnace', prefix: '59SC5A', suffix: 'S17' },
  { brand: 'Lennox', category: 'packaged_rooftop_unit', prefix: 'LGH', suffix: 'H4M' },
  { brand: 'Rheem', category: 'furnace', prefix: 'R96VA', suffix: '21524MSA' },
  { brand: 'York', category: 'central_ac', prefix: 'YCG', suffix: 'B21S' },
  { brand: 'Goodman', category: 'heat_pump', prefix: 'GSZH5', suffix: '10' },
  { brand: 'Trane', category: 'air_handler', prefix: 'TEM6A0', suffix: '31' },
  { brand: 'Carrier', category: 'chiller', prefix: '30XV', suffix: 'P6' },
  { brand: 'Bryant', category: 'furnace', prefix: '926TB', suffix: 'V17' },
  { brand: 'Mitsubishi Electric', category: 'heat_pump', prefix: 'PUZ-HA', suffix: 'NKA' },
  { brand: 'Lennox', category: 'central_ac', prefix: 'XC21-', suffix: '-230A' },
  { brand: 'Daikin', category: 'packaged_rooftop_unit', prefix: 'DCG', suffix: 'XXX3DH' },
  { brand: 'American Standard', category: 'furnace', prefix: 'S9V2C', suffix: 'U4PSA' },
  { brand: 'Goodman', category: 'air_handler', prefix: 'AMST', suffix: '14' },
  { brand: 'York', category: 'chiller', prefix: 'YLAA', suffix: 'SE50' },
  { brand: 'Trane', category: 'heat_pump', prefix: '4TWR4', suffix: 'A1000A' },
  { brand: 'Bryant', category: 'central_ac', prefix: '126B', suffix: 'NA000' },
  { brand: 'Burnham', category: 'boiler', prefix: 'ALP', suffix: 'W' },
  { brand: 'Amana', category: 'central_ac', prefix: 'ASXC7', suffix: '1A' },
  { brand: 'Daikin', category: 'central_ac', prefix: 'DX20VC', suffix: '1B' },
  { brand: 'Rheem', category: 'packaged_rooftop_unit', prefix: 'RKNL-B', suffix: 'CK15E' },
  { brand: 'Fujitsu', category: 'ductless_mini_split', prefix: 'ASU', suffix: 'RLS3' },
];
