import { z } from 'zod';

// own copy: schema.ts imports this module
const fraction = z.number().min(0).max(1);
const positiveList = (what: string) => z.array(z.number().positive()).min(1, `expected at least one ${what}`);

/** How many of each LT panel the campus has; ids run `lt_mcc_001`… in the order the plan wires them. */
const panelCounts = z.strictObject({
  mcc: z.number().int().min(1).max(999).default(70),
  pcc: z.number().int().min(1).max(999).default(20),
  apfc: z.number().int().min(0).max(999).default(20),
  db: z.number().int().min(0).max(999).default(40),
  mldb: z.number().int().min(0).max(999).default(10),
  smdb: z.number().int().min(0).max(999).default(20),
  vfd: z.number().int().min(0).max(999).default(25),
  plc: z.number().int().min(0).max(999).default(20),
  ats: z.number().int().min(0).max(999).default(10),
  changeover: z.number().int().min(0).max(999).default(5),
});

/** Utility supply: how often the grid fails and for how long (Indian industrial feeders: a few interruptions a month). */
const gridSchema = z.strictObject({
  nominalVolts: z.number().min(200).max(1000).default(415),
  frequencyHz: z.union([z.literal(50), z.literal(60)]).default(50),
  /** unplanned utility interruptions per month (more in the monsoon, see monsoonFactor) */
  outagesPerMonth: z.number().min(0).max(60).default(3),
  /** interruption length, minutes: log-uniform between the two (most are short, a few last hours) */
  outageMinutes: z
    .tuple([
      z.number().positive(),
      z
        .number()
        .positive()
        .max(24 * 60),
    ])
    .default([4, 180]),
  /**
   * minutes the ATSs wait with the grid back before returning their buses to it (the controller's mains-return
   * timer, so a feeder that recloses and trips again does not bounce the load); the DG sets then run unloaded
   * for `coolDownMinutes` before they stop
   */
  retransferMinutes: z.number().min(0).max(30).default(5),
  coolDownMinutes: z.number().min(0).max(15).default(5),
  /** how much more often the grid fails June–September */
  monsoonFactor: z.number().min(1).max(5).default(2),
  /** the DG sets' weekly off-load test run: local day (0 = Sunday), hour and minutes */
  dgTest: z
    .strictObject({ dayOfWeek: z.number().int().min(0).max(6), hour: z.number().min(0).max(23), minutes: z.number().min(5).max(120) })
    .default({ dayOfWeek: 6, hour: 10, minutes: 20 }),
});

/** Production shifts: the process load follows them; offices, lighting and HVAC follow the day. */
const shiftsSchema = z.strictObject({
  /** local start hours of the shifts on working days (three shifts: 6, 14, 22) */
  starts: z.array(z.number().min(0).max(24)).min(1).max(4).default([6, 14, 22]),
  /** share of full production by shift on weekdays, Saturdays and Sundays */
  weekday: z.array(fraction).min(1).max(4).default([1, 0.95, 0.7]),
  saturday: z.array(fraction).min(1).max(4).default([0.9, 0.8, 0.4]),
  sunday: z.array(fraction).min(1).max(4).default([0.3, 0.2, 0.1]),
  /** planned maintenance shutdowns a year: the process stops for a few days (utilities keep running) */
  shutdownsPerYear: z.number().int().min(0).max(12).default(2),
  shutdownDays: z.number().int().min(1).max(14).default(3),
});

/**
 * `campus:` an industrial site at low voltage: transformers feed PCC buses, buses feed MCCs and the
 * distribution boards, DG sets stand by behind ATSs, and a chilled-water plant cools the halls. Lists
 * give each equipment's rating, so their length is the count.
 */
export const campusSchema = z.strictObject({
  grid: gridSchema.prefault({}),
  shifts: shiftsSchema.prefault({}),
  panels: panelCounts.prefault({}),
  /** kVA, one per transformer (11 kV / 433 V) */
  transformersKva: positiveList('transformer'),
  /** kW prime rating, one per DG set */
  dgSetsKw: positiveList('DG set'),
  /** kVA, one per UPS */
  upsKva: positiveList('UPS'),
  /** refrigeration tons, one per chiller */
  chillersTr: positiveList('chiller'),
  /** refrigeration tons, one per cooling tower */
  coolingTowersTr: positiveList('cooling tower'),
  /** design airflow, CFM, one per AHU */
  ahusCfm: positiveList('AHU'),
  /** motor kW, one per pump */
  pumpsKw: positiveList('pump'),
  /** motor kW, one per air compressor */
  compressorsKw: positiveList('compressor'),
  /** motor kW, one per process motor */
  motorsKw: positiveList('motor'),
  energyMeters: z.number().int().min(0).max(999).default(20),
  /** the year the campus was built: install dates fall in the years after it */
  commissioned: z.number().int().min(1950).max(2100).default(2012),
});

export type CampusSpec = z.infer<typeof campusSchema>;
