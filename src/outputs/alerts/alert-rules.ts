import { enumLabels } from '../../model/entity-facts.js';
import type { PointInfo } from '../../model/point.js';
import type { SiteModel } from '../../model/site-model.js';

/**
 * The alarm limits a plant's BMS/SCADA raises alerts from, as the campus's users set them: engineering limits
 * of the equipment (IEC 60076 transformer temperatures, IEEE 519 voltage THD, ISO 10816-3 vibration zones,
 * the 415 V ± 6 % / ± 10 % supply tolerance, the grid's 49.5–50.5 Hz band). An alert is raised where a reading
 * crosses its limit; the rows are derived from the stored series by `write-alerts.ts`.
 */

export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

/** `=` compares a code: a Bool reads 0/1, a Str enum point its state's integer code (UPS mode 1 = battery), stored as the name. */
export type AlertOp = '>' | '<' | '=';

export interface AlertRule {
  /** stable name of the rule, stored with each alert (`trf.winding_temp.critical`) */
  readonly id: string;
  /** point key: the campus's snake_case column (`winding_temp_c`) or the office's Haystack key (`zoneTemp`) */
  readonly key: string;
  readonly op: AlertOp;
  readonly threshold: number;
  readonly severity: AlertSeverity;
  /** text of the alert: `{equipment}`, `{value}` and `{threshold}` are filled in */
  readonly message: string;
  /** equipment id prefixes the rule applies to (the spec's id ranges); absent: every equipment with the key */
  readonly equipment?: readonly string[];
  /** the point's unit must be this one (a limit in °F must not meet a sensor in °C) */
  readonly unit?: string;
  /** Bool point key of the same equipment that must read true (`run_status`): limits that hold while running */
  readonly whileTrue?: string;
  /**
   * with `whileTrue`: the gate must also have read true this many minutes before, the start-up delay a BMS puts
   * on running alarms (a starting chiller leaves warm water and runs at poor kW/TR while it soft-loads)
   */
  readonly startDelayMin?: number;
  /**
   * with `whileTrue`: Bool command point of the same equipment that must read true as well (`enable_cmd`): a BMS
   * qualifies a running alarm by the command, so a machine its sequencer is stopping (soft-stopping, unloading
   * after its enable dropped) raises none
   */
  readonly whileCommanded?: string;
}

const TRF = ['trf_'];
/** LT switchboards and panels (the HT incomer em_001 reads 11 kV and meters are not panels) */
const PANELS = ['lt_'];
const BUSES = ['lt_pcc_', 'lt_apfc_'];

/** 415 V ± 6 % (IS 12360 supply tolerance) and ± 10 % (the limit of motors' rated voltage, IEC 60034-1 zone B) */
const NOMINAL_V = 415;
const volts = (fraction: number) => Math.round(NOMINAL_V * fraction * 10) / 10;

export const ALERT_RULES: readonly AlertRule[] = [
  // transformers: IEC 60076-7 hot-spot alarm and trip stages, top-oil alarm
  rule('trf.winding_temp.high', 'winding_temp_c', '>', 110, 'high', 'Winding hot-spot {value} °C above {threshold} °C', TRF),
  rule(
    'trf.winding_temp.critical',
    'winding_temp_c',
    '>',
    130,
    'critical',
    'Winding hot-spot {value} °C above trip stage {threshold} °C',
    TRF,
  ),
  rule('trf.oil_temp.high', 'oil_temp_c', '>', 90, 'high', 'Top-oil temperature {value} °C above {threshold} °C', TRF),
  rule('elec.load.medium', 'load_percent', '>', 90, 'medium', 'Loading {value} % above {threshold} % of rating', [...TRF, ...PANELS]),
  rule('elec.load.high', 'load_percent', '>', 100, 'high', 'Overloaded: {value} % of rating', [...TRF, ...PANELS]),
  // buses the APFC panels correct
  rule('bus.power_factor.medium', 'power_factor', '<', 0.9, 'medium', 'Power factor {value} below {threshold}', BUSES),
  // power quality: IEEE 519-2014 voltage THD (5 % the design target, 8 % the LV limit)
  rule('elec.thd_voltage.medium', 'thd_voltage_percent', '>', 5, 'medium', 'Voltage THD {value} % above {threshold} %'),
  rule('elec.thd_voltage.high', 'thd_voltage_percent', '>', 8, 'high', 'Voltage THD {value} % above IEEE 519 limit {threshold} %'),
  rule('elec.current_imbalance.medium', 'current_imbalance_percent', '>', 10, 'medium', 'Current imbalance {value} % above {threshold} %'),
  rule('panel.voltage_high.medium', 'voltage_v', '>', volts(1.06), 'medium', 'Voltage {value} V above {threshold} V (415 V + 6 %)', PANELS),
  rule('panel.voltage_low.medium', 'voltage_v', '<', volts(0.94), 'medium', 'Voltage {value} V below {threshold} V (415 V − 6 %)', PANELS),
  rule('panel.voltage_high.high', 'voltage_v', '>', volts(1.1), 'high', 'Voltage {value} V above {threshold} V (415 V + 10 %)', PANELS),
  rule('panel.voltage_low.high', 'voltage_v', '<', volts(0.9), 'high', 'Voltage {value} V below {threshold} V (415 V − 10 %)', PANELS),
  // frequency where it is measured for the site: the meters and PCC buses, and each DG set while it runs
  rule('elec.frequency_high.high', 'frequency_hz', '>', 50.5, 'high', 'Frequency {value} Hz above {threshold} Hz', ['em_', 'lt_pcc_']),
  rule('elec.frequency_low.high', 'frequency_hz', '<', 49.5, 'high', 'Frequency {value} Hz below {threshold} Hz', ['em_', 'lt_pcc_']),
  {
    ...rule('dg.frequency_high.high', 'frequency_hz', '>', 50.5, 'high', 'Frequency {value} Hz above {threshold} Hz', ['dg_']),
    whileTrue: 'run_status',
  },
  {
    ...rule('dg.frequency_low.high', 'frequency_hz', '<', 49.5, 'high', 'Frequency {value} Hz below {threshold} Hz', ['dg_']),
    whileTrue: 'run_status',
  },
  // rotating machines: ISO 10816-3 zone C (restricted operation) and zone D (damage), bearing alarm
  rule(
    'machine.vibration.medium',
    'vibration_mm_s',
    '>',
    4.5,
    'medium',
    'Vibration {value} mm/s above ISO 10816-3 zone C {threshold} mm/s',
  ),
  rule(
    'machine.vibration.critical',
    'vibration_mm_s',
    '>',
    7.1,
    'critical',
    'Vibration {value} mm/s above ISO 10816-3 zone D {threshold} mm/s',
  ),
  rule('machine.bearing_temp.high', 'bearing_temp_c', '>', 90, 'high', 'Bearing temperature {value} °C above {threshold} °C'),
  // DG sets
  rule('dg.fuel_level.medium', 'fuel_level_percent', '<', 25, 'medium', 'Fuel level {value} % below {threshold} %', ['dg_']),
  rule('dg.fuel_level.high', 'fuel_level_percent', '<', 10, 'high', 'Fuel level {value} % below {threshold} %: refuel', ['dg_']),
  // UPS
  rule('ups.battery_charge.high', 'battery_charge_percent', '<', 50, 'high', 'Battery charge {value} % below {threshold} %', ['ups_']),
  rule('ups.battery_runtime.critical', 'battery_runtime_min', '<', 5, 'critical', 'Battery runtime {value} min below {threshold} min', [
    'ups_',
  ]),
  rule('ups.on_battery.medium', 'mode', '=', 1, 'medium', 'UPS on battery', ['ups_']),
  // plant efficiency and supply while running
  {
    ...rule('chiller.kw_per_tr.medium', 'kw_per_tr', '>', 0.9, 'medium', 'Chiller efficiency {value} kW/TR above {threshold} kW/TR', [
      'chiller_',
    ]),
    // not while it soft-loads: its load limit ramps over 15 min, and part load is poor kW/TR by design; nor while it
    // soft-stops, its enable dropped
    whileTrue: 'run_status',
    startDelayMin: 15,
    whileCommanded: 'enable_cmd',
  },
  // chillers (setpoint 7 °C, R-134a, high-pressure cut-out 12.4 bar g): a plant holds its leaving chilled water
  // within ± 0.5 K; 2 K over setpoint is where a BMS raises "CHW supply high" (the AHU coils stop dehumidifying)
  {
    ...rule('chiller.chw_supply_high.medium', 'chw_supply_temp_c', '>', 9, 'medium', 'CHW supply {value} °C above {threshold} °C', [
      'chiller_',
    ]),
    // not in a start's first minutes, while the water that stood in its shells flushes through, nor while it
    // soft-stops (unloading, it leaves warmer water as the others take the load)
    whileTrue: 'run_status',
    startDelayMin: 5,
    whileCommanded: 'enable_cmd',
  },
  // the pre-alarm of the high-pressure cut-out, where the controls start to unload: 0.9 bar (3 K of condensing
  // temperature, 47.7 °C) under the 12.4 bar g trip; a healthy machine condenses below 10 bar g on Pune's hottest days
  {
    ...rule(
      'chiller.condenser_pressure_high.high',
      'condenser_pressure_bar',
      '>',
      11.5,
      'high',
      'Condenser pressure {value} bar g above {threshold} bar g, approaching the 12.4 bar g cut-out',
      ['chiller_'],
    ),
    whileTrue: 'run_status',
  },
  // a trip (a safety cut-out, or a failure) locks the machine out until someone resets it
  rule('chiller.trip.high', 'alarm_status', '=', 1, 'high', 'Chiller tripped: locked out until reset', ['chiller_']),
  {
    ...rule(
      'compressor.discharge_pressure.medium',
      'discharge_pressure_bar',
      '<',
      6,
      'medium',
      'Discharge pressure {value} bar below {threshold} bar',
      ['compressor_'],
    ),
    whileTrue: 'run_status',
  },
  // office tower (Haystack keys): a zone too warm for comfort (ASHRAE 55 summer range ends near 80 °F)
  { ...rule('zone.temp_high.medium', 'zoneTemp', '>', 85, 'medium', 'Zone temperature {value} °F above {threshold} °F'), unit: '°F' },
];

function rule(
  id: string,
  key: string,
  op: AlertOp,
  threshold: number,
  severity: AlertSeverity,
  message: string,
  equipment?: readonly string[],
): AlertRule {
  return { id, key, op, threshold, severity, message, ...(equipment ? { equipment } : {}) };
}

/** A rule on one equipment's point: what the alert writers evaluate. */
export interface BoundRule {
  readonly rule: AlertRule;
  readonly equipId: string;
  readonly point: PointInfo;
  /** the equipment's Bool point that gates the rule, when the rule has one */
  readonly gate?: PointInfo;
  /** the equipment's Bool command point that must read true too, when the rule names one */
  readonly command?: PointInfo;
  /** the message with equipment and threshold filled in; `{value}` is left for SQL */
  readonly message: string;
  /** a Str enum point's state names in code order (its Haystack `enum`): the store holds names, the rule compares codes */
  readonly labels?: readonly string[];
}

/**
 * The rules each equipment of the model has: the equipment's id has one of the rule's prefixes, it owns the
 * rule's point (Number, or Bool/Str for `=`) in the rule's unit, and its gate and command points when the rule has them.
 */
export function bindAlertRules(
  model: Pick<SiteModel, 'points'> & Partial<Pick<SiteModel, 'entities'>>,
  rules: readonly AlertRule[] = ALERT_RULES,
): BoundRule[] {
  const names = enumLabels(model.entities ?? []);
  const byEquip = new Map<string, Map<string, PointInfo>>();
  for (const p of model.points) {
    let keys = byEquip.get(p.equipId);
    if (!keys) byEquip.set(p.equipId, (keys = new Map()));
    if (!keys.has(p.key)) keys.set(p.key, p);
  }
  const bound: BoundRule[] = [];
  for (const [equipId, keys] of byEquip) {
    for (const r of rules) {
      if (r.equipment && !r.equipment.some((prefix) => equipId.startsWith(prefix))) continue;
      const point = keys.get(r.key);
      if (!point || (r.unit !== undefined && point.unit !== r.unit)) continue;
      if (point.kind !== 'Number' && r.op !== '=') continue;
      const gate = r.whileTrue === undefined ? undefined : keys.get(r.whileTrue);
      if (r.whileTrue !== undefined && gate?.kind !== 'Bool') continue;
      const command = gate && r.whileCommanded !== undefined ? keys.get(r.whileCommanded) : undefined;
      if (gate && r.whileCommanded !== undefined && command?.kind !== 'Bool') continue;
      const message = r.message.replaceAll('{equipment}', equipId).replaceAll('{threshold}', String(r.threshold));
      const labels = point.kind === 'Str' ? names.get(point.id) : undefined;
      bound.push({
        rule: r,
        equipId,
        point,
        ...(gate ? { gate } : {}),
        ...(command ? { command } : {}),
        message,
        ...(labels ? { labels } : {}),
      });
    }
  }
  return bound;
}
