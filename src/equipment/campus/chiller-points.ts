import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { ELEC_POINTS } from './elec-columns.js';

/** A count the haysim `count` marker labels: no Haystack unit. */
const STARTS: PointTemplate = {
  key: 'compressor_starts',
  dis: 'Compressor Starts',
  markers: 'compressor run count sensor',
  kind: 'Number',
  decimals: 0,
  totalized: true,
  rateKey: 'run_status',
  countsRises: true,
  // commissioned in 2012: a few hundred starts a year
  registerStart: [1_500, 4_500],
};

const RUN_HOURS: PointTemplate = {
  key: 'run_hours',
  dis: 'Run Hours',
  markers: 'compressor run sensor',
  kind: 'Number',
  unit: 'h',
  decimals: 1,
  totalized: true,
  rateKey: 'run_status',
};

export const CHILLER_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  // the plant sequencer's enable: on while it stages the machine on, off from the start of a staged stop's unloading
  { key: 'enable_cmd', dis: 'Enable Command', markers: 'enable cmd', kind: 'Bool', decimals: 0 },
  { key: 'run_status', dis: 'Run Status', markers: 'run sensor', kind: 'Bool', decimals: 0 },
  num('chw_supply_temp_c', 'CHW Supply Temp', 'chilled water leaving temp sensor', '°C', 1, { noise: 0.05, drifts: true }),
  num('chw_return_temp_c', 'CHW Return Temp', 'chilled water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('cw_supply_temp_c', 'CW Supply Temp', 'condenser water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('cw_return_temp_c', 'CW Return Temp', 'condenser water leaving temp sensor', '°C', 1, { noise: 0.05 }),
  num('water_flow_lpm', 'CHW Flow', 'chilled water flow sensor', 'L/min', 0, { relativeNoise: 0.01 }),
  num('cooling_load_tr', 'Cooling Load', 'chilled water cool thermal power sensor', 'tonref', 1),
  num('compressor_load_percent', 'Compressor Load', 'compressor load sensor', '%', 1),
  num('kw_per_tr', 'kW per TR', 'chiller efficiency sensor', 'kW/ton', 3),
  num('cop', 'COP', 'chiller efficiency sensor', 'COP', 2),
  num('efficiency_percent', 'Efficiency vs Design', 'chiller efficiency sensor', '%', 1),
  num('evaporator_pressure_bar', 'Evaporator Pressure (gauge)', 'refrig evaporator pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('condenser_pressure_bar', 'Condenser Pressure (gauge)', 'refrig condenser pressure sensor', 'bar', 2, { noise: 0.01 }),
  num('chw_setpoint_c', 'CHW Setpoint', 'chilled water leaving temp sp', '°C', 1),
  num('cw_flow_lpm', 'CW Flow', 'condenser water flow sensor', 'L/min', 0, { relativeNoise: 0.01 }),
  num('evap_sat_temp_c', 'Evaporator Sat Temp', 'refrig evaporator temp sensor', '°C', 1),
  num('cond_sat_temp_c', 'Condenser Sat Temp', 'refrig condenser temp sensor', '°C', 1),
  num('evap_approach_c', 'Evaporator Approach', 'refrig evaporator temp delta sensor', 'Δ°C', 2),
  num('cond_approach_c', 'Condenser Approach', 'refrig condenser temp delta sensor', 'Δ°C', 2),
  num('lift_c', 'Lift', 'refrig temp delta sensor', 'Δ°C', 2),
  num('suction_superheat_c', 'Suction Superheat', 'refrig compressor entering temp delta sensor', 'Δ°C', 2, { noise: 0.05 }),
  num('discharge_temp_c', 'Discharge Temp', 'refrig compressor discharge temp sensor', '°C', 1, { noise: 0.1 }),
  num('subcooling_c', 'Liquid Subcooling', 'refrig liquid temp delta sensor', 'Δ°C', 2, { noise: 0.05 }),
  num('oil_diff_pressure_bar', 'Oil Differential Pressure', 'compressor pressure delta sensor', 'bar', 2, { noise: 0.01 }),
  num('oil_temp_c', 'Oil Temp', 'compressor temp sensor', '°C', 1, { noise: 0.1 }),
  num('exv_position_percent', 'EXV Position', 'refrig valve cmd', '%', 1),
  num('motor_current_rla_percent', 'Motor Current %RLA', 'compressor motor load sensor', '%', 1),
  num('motor_winding_temp_c', 'Motor Winding Temp', 'compressor motor temp sensor', '°C', 1, { noise: 0.1 }),
  num('vibration_mm_s', 'Compressor Vibration', 'compressor sensor', 'mm/s', 2, { relativeNoise: 0.04 }),
  RUN_HOURS,
  STARTS,
  { key: 'alarm_status', dis: 'Trip / Lockout Alarm', markers: 'alarm sensor', kind: 'Bool', decimals: 0 },
];
