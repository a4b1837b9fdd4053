import { z } from 'zod';
import { daysInMonth, HOLIDAY_CALENDAR_NAMES } from '../time/holidays.js';
import { campusSchema } from './campus-schema.js';

/**
 * The profile file format: a building declared as data. Every section is
 * strict (unknown keys are errors with a "did you mean" hint) so a typo never
 * silently falls back to a default.
 */

export const idString = z.string().regex(/^[A-Za-z0-9_:.~-]+$/, 'expected a Haystack id: letters, digits and _ : - . ~ only');
const hourOfDay = z.number().min(0).max(24);
export const fraction = z.number().min(0).max(1);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'expected a date that exists: month 01-12, day within the month');
const twelve = z.array(z.number()).length(12, 'expected 12 monthly values, January to December');

/** `2018-13-45` has the shape of a date but names no day. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** manufacturer, model and install date: optional on every equipment section */
export const nameplate = {
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  installed: isoDate.optional(),
};

export const siteSchema = z.strictObject({
  id: idString,
  dis: z.string().min(1),
  /** gross floor area, ft² */
  area: z.number().positive(),
  yearBuilt: z.number().int().min(1800).max(2100),
  primaryFunction: z.string().default('Office'),
  geoAddr: z.string().optional(),
  geoCity: z.string().optional(),
  geoState: z.string().optional(),
  geoCountry: z.string().optional(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** IANA zone, e.g. America/New_York */
  timeZone: z.string(),
});

export const weatherSchema = z.strictObject({
  monthlyHighF: twelve,
  monthlyLowF: twelve,
  monthlyDewPointF: twelve,
  /** size of multi-day swings from fronts, °F */
  frontAmplitudeF: z.number().min(0).max(30).default(6),
  frontPeriodDays: z.number().min(0.5).max(20).default(3),
  /** mean cloud cover 0..1 per month (a monsoon's overcast, a dry season's clear skies); default: 0.5 all year */
  monthlyCloudCover: z.array(z.number().min(0).max(1)).length(12, 'expected 12 monthly values, January to December').optional(),
  /** clouds pass the sun minute by minute (broken cumulus, a varying overcast) instead of dimming it smoothly */
  cloudPassages: z.boolean().optional(),
  /** Linke turbidity per month (dust, smoke, humid haze: about 2 in clean air, 4–6 in a dusty dry season); default: a mid-latitude clear sky */
  monthlyLinkeTurbidity: z.array(z.number().min(1).max(10)).length(12, 'expected 12 monthly values, January to December').optional(),
  /** metres above sea level, for the hazy clear sky's thinner air */
  elevationM: z.number().min(-500).max(6000).optional(),
});

export const occupancySchema = z.strictObject({
  holidays: z.enum(HOLIDAY_CALENDAR_NAMES).default('us-office'),
  /** ft² per person at peak occupancy */
  areaPerPerson: z.number().min(50).max(1000).default(200),
  /** weekday occupancy fraction by local hour, interpolated smoothly */
  weekdayProfile: z.array(z.tuple([hourOfDay, fraction])).min(2),
  /** share of zones someone works a few hours in on Sundays and holidays (four times that on Saturdays) */
  weekendFraction: fraction.default(0.05),
  /** how much zones differ from the building-wide profile (relative) */
  zoneVariation: fraction.default(0.15),
});

export const zoneControlSchema = z.strictObject({
  /** local hours the BAS runs occupied mode on working days */
  occupiedStart: hourOfDay.default(7),
  occupiedEnd: hourOfDay.default(18),
  occupiedSetpointF: z.number().min(60).max(85).default(72),
  /** tenants set their own zones: each zone's occupied setpoint is the building's ± up to this, in 0.5 °F steps (seeded per zone) */
  setpointSpreadF: z.number().min(0).max(4).default(1.5),
  /** night and weekend setback limits: the AHU night-cycles only when a zone floats past one */
  unoccupiedCoolingSetpointF: z.number().min(60).max(95).default(82),
  unoccupiedHeatingSetpointF: z.number().min(40).max(80).default(62),
  /** optimal start: the longest the AHUs start ahead of occupancy to pull zones down or warm them up, hours */
  maxStartLeadHours: z.number().min(0).max(6).default(3),
  /** daily-mean outdoor temperature above which the building runs its cooling-season setback */
  coolingSeasonAboveF: z.number().default(55),
  /** how far zones differ from each other, °F (seeded per zone) */
  zoneBiasF: z.number().min(0).max(3).default(1),
});

export const floorsSchema = z.strictObject({
  /** storeys with VAV zones; 0 for a site without them (an industrial campus) */
  count: z.number().int().min(0).max(200),
  heightFt: z.number().min(8).max(30).default(13),
  /** zone names per floor; each becomes an hvac zone served by one VAV box */
  zones: z
    .array(z.enum(['north', 'south', 'east', 'west', 'core']))
    .min(1)
    .default(['core']),
  /** share of the façade that is glass */
  windowRatio: fraction.default(0.4),
});

export const loadsSchema = z.strictObject({
  /** installed lighting power density, W/ft² */
  lightingWPerFt2: z.number().min(0).max(3).default(0.8),
  /** minutes without occupants before occupancy sensors switch lights off */
  lightingOffDelayMin: z.number().min(1).max(60).default(15),
  plugWPerFt2: z.number().min(0).max(5).default(0.9),
  /** share of plug load that never switches off (IT, fridges, standby) */
  plugBaseFraction: fraction.default(0.5),
  /** central loads on the main meter only: elevators, garage, exterior lights, kW */
  commonBaseKw: z.number().min(0).default(60),
  /** domestic water per occupant per day, gal */
  waterGalPerPersonDay: z.number().min(0).default(14),
});

/**
 * How the historian collects: rows it never logged. Off unless a profile asks (a profile without this section
 * keeps a dense grid); the office-tower profile turns it on with figures typical of a BAS historian.
 */
export const gapsSchema = z.strictObject({
  /** short collection gaps per controller per day: missed polls, a controller rebooting (minutes, median ≈ 5 min) */
  controllerPerDay: z.number().min(0).max(24).default(0),
  /** short gaps of the whole site per 30 days: the historian or collector restarting, patched (10–60 min) */
  sitePerMonth: z.number().min(0).max(100).default(0),
  /** long outages per year: the historian server down or a controller network cut off (hours to days) */
  outagesPerYear: z.number().min(0).max(52).default(0),
  /** share of the long outages that take the whole site; the rest take one network trunk */
  outageSiteShare: fraction.default(0.6),
});

/**
 * Change-of-value logging. Real historians trend most analog points at a fixed interval, but log binary and
 * multi-state points (and often setpoints) on change of value: a row when the value (or status) changes, plus
 * a heartbeat row at a fixed maximum interval so a flat line is still known to be alive (Niagara COV/interval
 * histories, BACnet trend logs with COV, SkySpark hisCollectCov). Off unless a profile asks.
 */
export const covSchema = z.strictObject({
  /** which points are logged on change: `Bool` and `Str` (enum) kinds, `sp` for setpoints (a change of one resolution step) */
  points: z.array(z.enum(['Bool', 'Str', 'sp'])).default([]),
  /** the heartbeat: a row at every multiple of it from the epoch whatever the value, minutes */
  heartbeatMinutes: z.number().positive().max(1440).default(60),
});

/** How often one kind of degradation befalls one piece of equipment it applies to, and how long it lasts. */
const faultRateSchema = z.strictObject({
  /** occurrences per piece of equipment per year */
  perYear: z.number().min(0).max(12),
  /** duration range, hours (log-uniform between them; at most 14 days) */
  hours: z.tuple([z.number().positive(), z.number().positive().max(336)]),
});

/**
 * Degradations that leave the status `ok` (finding them is what fault detection is for), per kind. Defaults:
 * a mechanical fault (a stuck damper, a leaking valve, a broken belt) runs days before someone notices; a
 * sensor fault as long; a hunting loop until retuned. Equipment-off faults and maintenance are not here: their
 * rate follows `faultShare`, the share of rows with status fault.
 */
export const FAULT_DEFAULTS = {
  'stuck-damper': { perYear: 0.6, hours: [24, 240] },
  'leaking-reheat-valve': { perYear: 0.4, hours: [48, 336] },
  'hunting-loop': { perYear: 0.5, hours: [6, 96] },
  'sensor-bias': { perYear: 0.3, hours: [48, 336] },
  'flat-lined-sensor': { perYear: 0.3, hours: [12, 168] },
  'failed-sensor': { perYear: 0.2, hours: [4, 72] },
  'fouled-coil': { perYear: 0.8, hours: [168, 336] },
  'broken-fan-belt': { perYear: 0.5, hours: [4, 48] },
  'low-refrigerant-charge': { perYear: 1, hours: [168, 336] },
  'short-cycling': { perYear: 1, hours: [12, 120] },
  // industrial equipment (the campus)
  'bearing-wear': { perYear: 0.3, hours: [168, 336] },
  'capacitor-step-failure': { perYear: 0.6, hours: [48, 336] },
  'transformer-overheating': { perYear: 0.3, hours: [6, 72] },
  'dg-fail-to-start': { perYear: 0.5, hours: [72, 336] },
  'ups-battery-degradation': { perYear: 0.5, hours: [168, 336] },
  'compressor-short-cycling': { perYear: 0.8, hours: [12, 120] },
  'condenser-fouling': { perYear: 0.3, hours: [168, 336] },
} as const satisfies Record<string, { perYear: number; hours: readonly [number, number] }>;

export type DegradationKind = keyof typeof FAULT_DEFAULTS;

export const faultsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(FAULT_DEFAULTS).map(([k, d]) => [k, faultRateSchema.default({ perYear: d.perYear, hours: [d.hours[0], d.hours[1]] })]),
  ) as Record<DegradationKind, z.ZodDefault<typeof faultRateSchema>>,
);

export const qualitySchema = z.strictObject({
  /** target share of readings with status stale (communication outages in blocks) */
  staleShare: fraction.default(0.03),
  /**
   * longest stale block, hours: block lengths are heavy-tailed (median 1 h, a few per cent longer than 8 h,
   * now and then days before anyone resets the controller); the cap is only a bound far in the tail
   */
  staleMaxHours: z.number().min(1).max(168).default(72),
  /** target share of readings with status fault (maintenance and failures, equipment off) */
  faultShare: fraction.default(0.02),
  /** degradations that leave the status ok (stuck dampers, leaking valves, biased sensors...), per kind */
  faults: faultsSchema.prefault({}),
  noise: z.boolean().default(true),
  /** outliers per analog sensor per 30 days in a 1-minute log (one bad poll lasting 1–5 s: sparser logs catch fewer) */
  spikesPerMonth: z.number().min(0).max(1000).default(3),
  /** sensor drift, units per 30 days (typical magnitude) */
  driftPerMonth: z.number().min(0).default(0.3),
  /** days between calibrations of a drifting sensor */
  calibrationDays: z.tuple([z.number().positive(), z.number().positive()]).default([90, 270]),
  gaps: gapsSchema.prefault({}),
  cov: covSchema.prefault({}),
});

/** How a store lays out history: narrow rows in `core` (Haystack) or one table per equipment (wide). */
export const LAYOUTS = ['haystack', 'wide'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const DEFAULT_LAYOUT: Layout = 'haystack';

export const simulationSchema = z.strictObject({
  interval: z.string().default('15m'),
  /** start of the time grid and of the energy registers */
  epoch: z.string().default('2025-01-01T00:00:00Z'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  days: z.number().int().min(1).default(30),
  /** the store layout `generate` writes when `--layout` is not given (a plant's users query wide tables) */
  layout: z.enum(LAYOUTS).default(DEFAULT_LAYOUT),
});

/**
 * The building-wide sections. Equipment sections (`vav`, `ahus`, `plant`,
 * `boiler`, `meters`, `weather.station`, ...) are fragments the equipment
 * types contribute: see profile-fragments.ts.
 */
export const HEAD_SECTIONS = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case profile name'),
  description: z.string().optional(),
  site: siteSchema,
  weather: weatherSchema,
  occupancy: occupancySchema,
  zoneControl: zoneControlSchema.prefault({}),
  floors: floorsSchema.prefault({ count: 0 }),
  /** an industrial site's electrical network, shifts and plant (absent for a building) */
  campus: campusSchema.optional(),
};

/** Building-wide sections listed after the equipment sections. */
export const TAIL_SECTIONS = {
  loads: loadsSchema.prefault({}),
  quality: qualitySchema.prefault({}),
  simulation: simulationSchema.prefault({}),
};

const siteProfileSchema = z.strictObject({ ...HEAD_SECTIONS, ...TAIL_SECTIONS });

/** The validated building-wide sections of a profile. */
export type SiteProfile = z.infer<typeof siteProfileSchema>;
/** A validated profile: the building-wide sections plus the sections of its equipment types (read with readFragment). */
export type Profile = SiteProfile & { readonly [section: string]: unknown };
export type ZoneName = SiteProfile['floors']['zones'][number];
