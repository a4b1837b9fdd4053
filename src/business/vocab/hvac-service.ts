// What service work looks like: what customers report, what technicians write, which incidents
// count as emergencies. Texts are keyed by the unit's duty (cooling, heating, both, air).
import type { INCIDENT_TYPES, SEVERITIES } from '../tables/vocabulary-codes.js';
import type { Duty } from './hvac-equipment.js';

export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const PROBLEMS: Readonly<Record<'maintenance' | 'installation' | 'inspection', readonly string[]>> = {
  maintenance: [
    'Seasonal tune-up',
    'Annual maintenance visit under plan',
    'Pre-season check and filter change',
    'Clean coils and check refrigerant charge',
    'Routine maintenance, customer reports no issues',
  ],
  installation: [
    'Replace aging unit with new system',
    'New system install per accepted quote',
    'Replacement after failed compressor',
    'Add zone for home addition',
    'Install unit in new construction',
  ],
  inspection: [
    'Home sale HVAC inspection',
    'Warranty registration inspection',
    'Gas appliance safety inspection',
    'Duct leakage and airflow test',
    'Insurance inspection after storm',
  ],
};

export const REPAIR_PROBLEMS: Readonly<Record<Duty, readonly string[]>> = {
  cooling: [
    'AC running but not cooling',
    'Outdoor unit not starting, fan hums',
    'Ice on the refrigerant lines',
    'Water leaking from indoor unit',
    'Unit short cycling',
    'Loud buzzing from condenser',
    'High electric bill, weak airflow',
  ],
  heating: [
    'Furnace blows cold air',
    'Pilot will not stay lit',
    'Burners light then shut off',
    'Furnace making banging noise',
    'Thermostat calls for heat, nothing happens',
    'Boiler pressure dropping',
    'Uneven heat between rooms',
  ],
  both: [
    'Heat pump stuck in defrost',
    'Not cooling in AC mode',
    'Auxiliary heat runs constantly',
    'Outdoor unit iced over',
    'Unit short cycling',
    'Indoor head dripping water',
    'Error code on thermostat',
  ],
  air: [
    'Weak airflow from vents',
    'Blower runs constantly',
    'Musty smell from vents',
    'Condensate pan overflowing',
    'Squealing noise from air handler',
  ],
};

export interface IncidentSpec {
  readonly type: IncidentType;
  /** units this incident can happen on */
  readonly duties: readonly Duty[];
  readonly severities: readonly (typeof SEVERITIES)[number][];
  readonly report: string;
  readonly notes: readonly string[];
  /** the incident is more likely in summer (+1) or winter (−1) */
  readonly season: -1 | 0 | 1;
}

export const INCIDENTS: readonly IncidentSpec[] = [
  {
    type: 'no_heat',
    duties: ['heating', 'both'],
    severities: ['medium', 'high', 'high', 'critical'],
    report: 'No heat, house getting cold',
    notes: [
      'Replaced failed igniter, heat restored',
      'Reset tripped limit switch, replaced dirty filter',
      'Replaced inducer motor, furnace cycling normally',
    ],
    season: -1,
  },
  {
    type: 'no_cooling',
    duties: ['cooling', 'both'],
    severities: ['medium', 'high', 'high', 'critical'],
    report: 'No cooling, indoor temperature rising',
    notes: [
      'Replaced failed run capacitor, system cooling',
      'Replaced burnt contactor, condenser running',
      'Condenser fan motor replaced, pressures normal',
    ],
    season: 1,
  },
  {
    type: 'gas_leak',
    duties: ['heating'],
    severities: ['critical'],
    report: 'Smell of gas near furnace',
    notes: [
      'Shut off gas, tightened leaking union, leak test passed',
      'Replaced leaking gas valve, combustion analysis normal',
      'Isolated appliance, referred to gas utility for meter leak',
    ],
    season: -1,
  },
  {
    type: 'carbon_monoxide_alarm',
    duties: ['heating'],
    severities: ['critical'],
    report: 'CO alarm sounding',
    notes: [
      'Cracked heat exchanger found, unit red-tagged',
      'Blocked flue cleared, CO readings normal',
      'Venting reconnected, alarm cleared',
    ],
    season: -1,
  },
  {
    type: 'system_failure',
    duties: ['cooling', 'heating', 'both', 'air'],
    severities: ['high', 'high', 'critical'],
    report: 'System completely down',
    notes: [
      'Replaced failed control board',
      'Compressor locked, temporary cooling provided, replacement quoted',
      'Blower motor replaced, system running',
    ],
    season: 0,
  },
  {
    type: 'water_leak',
    duties: ['cooling', 'both', 'air'],
    severities: ['medium', 'high'],
    report: 'Water pouring from unit into ceiling',
    notes: ['Cleared clogged condensate line, installed float switch', 'Replaced cracked drain pan', 'Condensate pump replaced'],
    season: 1,
  },
  {
    type: 'electrical_burning_smell',
    duties: ['cooling', 'heating', 'both', 'air'],
    severities: ['high', 'critical'],
    report: 'Burning smell from unit',
    notes: ['Burnt wiring at contactor repaired', 'Seized blower motor replaced', 'Shorted capacitor replaced, wiring inspected'],
    season: 0,
  },
  {
    type: 'refrigerant_leak',
    duties: ['cooling', 'both'],
    severities: ['medium', 'high'],
    report: 'Hissing sound, system not cooling',
    notes: [
      'Brazed leak at service valve, recharged',
      'Evaporator coil leak found, temporary charge added, coil quoted',
      'Schrader core replaced, system recharged',
    ],
    season: 1,
  },
];

export const INSTRUCTIONS: Readonly<Record<string, readonly string[]>> = {
  maintenance: [
    'Perform seasonal checklist: filter, coils, drain, electrical, refrigerant charge',
    'Plan visit: inspect, clean and test per agreement checklist',
  ],
  repair: [
    'Diagnose reported issue, quote before replacing major components',
    'Diagnose and repair; photo any failed parts for warranty claim',
  ],
  installation: [
    'Remove old unit, install new system per quote, pull permit, commission and register warranty',
    'Install new equipment, evacuate to 500 microns, charge per manufacturer chart',
  ],
  emergency: [
    'Emergency dispatch: make safe first, restore service if possible',
    'Priority call: isolate hazard, diagnose, restore or provide temporary fix',
  ],
  inspection: ['Inspect system condition and safety, provide written report', 'Combustion and safety inspection with written findings'],
};

export const SAFETY: Readonly<Record<string, string>> = {
  gas: 'Gas detector on site; shut off gas supply before opening the valve train; combustion analysis after work',
  electrical: 'Lock out / tag out the disconnect; verify zero voltage; insulated gloves',
  refrigerant: 'EPA 608 certified handling; safety glasses and gloves; recover refrigerant, no venting',
  roof: 'Fall protection on roofs above 6 ft; ladder secured; two-person lift for units over 50 lb',
  general: 'Safety glasses; shoe covers indoors; lock out power before opening panels',
};

export const COMPLETION_NOTES: readonly string[] = [
  'Work completed, system operating normally',
  'Completed; advised customer to replace filter every 3 months',
  'Completed; unit is aging, recommended replacement quote',
  'Completed, tested all modes, customer walked through thermostat settings',
  'Completed; minor duct leakage noted for next visit',
];

export const FEEDBACK_COMMENTS: Readonly<Record<'good' | 'mixed' | 'bad', readonly string[]>> = {
  good: [
    'Technician was on time and explained everything.',
    'Fast, friendly and professional.',
    'Fixed it the same day, very happy.',
    'Clean work, great communication.',
    'Will use again and recommend to neighbors.',
  ],
  mixed: [
    'Good work but the arrival window was long.',
    'Problem fixed, price a bit high.',
    'Took two visits but resolved.',
    'Friendly tech, scheduling could be better.',
  ],
  bad: [
    'Technician arrived late and problem came back.',
    'Too expensive for what was done.',
    'Nobody called to confirm the appointment.',
    'Issue not resolved, had to call again.',
  ],
};
