import type { SiteSpec } from '../model/topology.js';

/** the kinds a profile can rate (`quality.faults`) */
export type DegradationKind = keyof SiteSpec['quality']['faults'];

/**
 * The kinds of fault the simulation injects, one entry each. `equipment-off` (failures and
 * maintenance) takes the equipment down and sets status fault on its points; the others leave the
 * data's status `ok` (except a failed sensor, whose controller flags the out-of-range input) and
 * show only in the readings' physics, with their kind and parameters in the ground truth.
 *
 * Adding a kind: a default rate in `FAULT_DEFAULTS` (profile/schema.ts), an entry here, and its
 * signature in the physics stage that owns the equipment (air side, plant) or, for a sensor,
 * in the engine's reading overlay.
 */
export enum FaultCode {
  None = 0,
  EquipmentOff = 1,
  StuckDamper = 2,
  LeakingReheatValve = 3,
  HuntingLoop = 4,
  SensorBias = 5,
  FlatLinedSensor = 6,
  FailedSensor = 7,
  FouledCoil = 8,
  BrokenFanBelt = 9,
  LowRefrigerantCharge = 10,
  ShortCycling = 11,
  BearingWear = 12,
  CapacitorStepFailure = 13,
  TransformerOverheating = 14,
  DgFailToStart = 15,
  UpsBatteryDegradation = 16,
  CompressorShortCycling = 17,
  CondenserFouling = 18,
}

export interface FaultDraw {
  /** the one number the physics reads (its meaning is the kind's) */
  readonly value: number;
  /** ground-truth parameters, as written to the event */
  readonly params: Record<string, number>;
}

export interface DegradationEntry {
  readonly code: FaultCode;
  /** equipment types (topology `type`) it befalls */
  readonly types: readonly string[];
  /** the point of the equipment it is on, for sensor faults (its key); absent: the whole equipment */
  readonly sensor?: (type: string) => string;
  /** status of the affected readings while it lasts */
  readonly status: 'ok' | 'fault';
  /**
   * the points whose readings carry its signature, for the ground truth: keys of all its types (the office
   * chiller's Haystack keys, the campus chiller's columns); each equipment's event names those it has
   */
  readonly signature: readonly string[];
  /** its parameters from independent uniforms u(0), u(1), ... in [0, 1) */
  draw(u: (i: number) => number): FaultDraw;
}

const round = (x: number, d = 1) => Number(x.toFixed(d));
const zoneOrDischarge = (type: string) => (type === 'vav' ? 'zoneTemp' : 'supplyTemp');

export const DEGRADATIONS: Record<DegradationKind, DegradationEntry> = {
  // the actuator seized or its linkage slipped: the damper stays where it was; the flow follows it
  'stuck-damper': {
    code: FaultCode.StuckDamper,
    types: ['vav'],
    status: 'ok',
    signature: ['damperPos', 'airFlow', 'zoneTemp'],
    draw: (u) => {
      // stuck shut-ish (starves the zone) or wide open (overcools it, reheat fights it)
      const stuckAtPercent = round(u(0) < 0.5 ? 5 + 25 * u(1) : 70 + 30 * u(1), 0);
      return { value: stuckAtPercent / 100, params: { stuckAtPercent } };
    },
  },
  // the valve does not seat: hot water passes with the command at 0
  'leaking-reheat-valve': {
    code: FaultCode.LeakingReheatValve,
    types: ['vav'],
    status: 'ok',
    signature: ['supplyTemp', 'airFlow', 'zoneTemp'],
    draw: (u) => {
      const leakPercent = round(10 + 30 * u(0), 0);
      return { value: leakPercent / 100, params: { leakPercent } };
    },
  },
  // the zone loop badly tuned (or a sticky actuator): damper and temperature oscillate
  'hunting-loop': {
    code: FaultCode.HuntingLoop,
    types: ['vav'],
    status: 'ok',
    signature: ['damperPos', 'airFlow', 'zoneTemp'],
    draw: (u) => {
      const periodMinutes = round(5 + 15 * u(0), 0);
      return { value: periodMinutes, params: { periodMinutes, damperAmplitudePercent: 20, tempAmplitudeF: 0.8 } };
    },
  },
  // a constant offset (a misplaced or mis-wired sensor, a wrong calibration): the loop drives the
  // reading to setpoint, so the room sits off by the bias
  'sensor-bias': {
    code: FaultCode.SensorBias,
    types: ['vav'],
    sensor: () => 'zoneTemp',
    status: 'ok',
    signature: ['zoneTemp'],
    draw: (u) => {
      const biasF = round((u(0) < 0.5 ? -1 : 1) * (1.5 + 2.5 * u(1)), 1);
      return { value: biasF, params: { biasF } };
    },
  },
  // the controller's input froze (a hung I/O module, a point overridden): the reading never changes
  'flat-lined-sensor': {
    code: FaultCode.FlatLinedSensor,
    types: ['vav', 'ahu'],
    sensor: zoneOrDischarge,
    status: 'ok',
    signature: [],
    draw: () => ({ value: 0, params: {} }),
  },
  // open circuit: a thermistor input reads the bottom of its range; the controller flags the input
  // out of range (BACnet reliability fault), so its status is fault while the physics runs on
  'failed-sensor': {
    code: FaultCode.FailedSensor,
    types: ['vav', 'ahu'],
    sensor: zoneOrDischarge,
    status: 'fault',
    signature: [],
    draw: () => ({ value: -40, params: { readsValue: -40 } }),
  },
  // dirt on the fins and scale in the tubes: the valve opens wider for the same load, and at peak
  // the coil cannot bring the discharge air down to setpoint
  'fouled-coil': {
    code: FaultCode.FouledCoil,
    types: ['ahu'],
    status: 'ok',
    signature: ['chwValve', 'supplyTemp'],
    draw: (u) => {
      const capacityLossPercent = round(30 + 30 * u(0), 0);
      return { value: capacityLossPercent / 100, params: { capacityLossPercent } };
    },
  },
  // the motor spins, the fan barely turns: kW drops, airflow and static collapse, the zones drift;
  // the fan status (a current switch) still says running
  'broken-fan-belt': {
    code: FaultCode.BrokenFanBelt,
    types: ['ahu'],
    status: 'ok',
    signature: ['fanPower', 'airFlow', 'staticPressure'],
    draw: (u) => {
      const beltSlipPercent = round(70 + 15 * u(0), 0);
      return { value: 1 - beltSlipPercent / 100, params: { beltSlipPercent, fanKwPercent: round(100 - beltSlipPercent, 0) } };
    },
  },
  // a slow leak: the evaporator starves (its approach and the suction superheat grow, the EXV opens wide, the
  // liquid seal in the condenser goes so subcooling falls), capacity falls at high load and each ton costs more kW;
  // a campus chiller loses its charge gradually through the window and stands its last 8 h for the repair and recharge
  'low-refrigerant-charge': {
    code: FaultCode.LowRefrigerantCharge,
    types: ['chiller', 'campusChiller'],
    status: 'ok',
    signature: [
      'power',
      'cop',
      'evap_sat_temp_c',
      'evap_approach_c',
      'suction_superheat_c',
      'exv_position_percent',
      'subcooling_c',
      'chw_supply_temp_c',
    ],
    draw: (u) => {
      const chargeLossPercent = round(15 + 25 * u(0), 0);
      return { value: chargeLossPercent / 100, params: { chargeLossPercent } };
    },
  },
  // a control or safety trips it every few minutes: on, off, on (a campus screw chiller's failed anti-recycle
  // timer: it pulls the water down to its low-temperature cut-out, stops, restarts as soon as it warms)
  'short-cycling': {
    code: FaultCode.ShortCycling,
    types: ['chiller', 'campusChiller'],
    status: 'ok',
    signature: ['status', 'power', 'run_status', 'compressor_starts', 'chw_supply_temp_c'],
    draw: (u) => {
      const periodMinutes = round(6 + 14 * u(0), 0);
      return { value: periodMinutes, params: { periodMinutes, onSharePercent: 50 } };
    },
  },
  // scale in the condenser tubes beyond the year's normal build (a lapse in the tower's water treatment): it grows
  // through the window until the tubes are brushed (the machine stands its last 8 h); the approach, lift, head
  // pressure and discharge rise, the motor draws more for the same cooling; at its worst, on a hot afternoon, the
  // high-pressure cut-out (12.4 bar g) trips it and locks it out until the 06:00 reset
  'condenser-fouling': {
    code: FaultCode.CondenserFouling,
    types: ['campusChiller'],
    status: 'ok',
    signature: [
      'cond_approach_c',
      'lift_c',
      'condenser_pressure_bar',
      'discharge_temp_c',
      'motor_current_rla_percent',
      'active_power_kw',
      'cop',
      'alarm_status',
    ],
    draw: (u) => {
      // the extra condenser approach at full load when it is found, K: 6 K a clear trend on the panel, 20 K tubes
      // so scaled that a hot afternoon's condensing pressure reaches the cut-out
      const finalApproachRiseK = round(6 + 14 * u(0), 1);
      return { value: finalApproachRiseK, params: { finalApproachRiseK } };
    },
  },
  // a bearing going: vibration climbs through the ISO 10816-3 zones and the bearing runs hotter until it is
  // replaced at the end of the window (the machine stands its last 4 h)
  'bearing-wear': {
    code: FaultCode.BearingWear,
    types: ['pump', 'motor', 'compressor'],
    status: 'ok',
    signature: ['vibration_mm_s', 'bearing_temp_c'],
    draw: (u) => {
      const finalWearPercent = round(50 + 50 * u(0), 0);
      return { value: finalWearPercent / 100, params: { finalWearPercent } };
    },
  },
  // capacitor cells dried out or a contactor burnt: the relay calls steps that give nothing, the bus's PF sags
  'capacitor-step-failure': {
    code: FaultCode.CapacitorStepFailure,
    types: ['ltApfc'],
    status: 'ok',
    signature: ['capacitor_kvar', 'power_factor', 'steps_on'],
    draw: (u) => {
      // the big steps fail first: they switch most and run hottest
      const failedSteps = 2 + Math.floor(3 * u(0));
      const mask = ((1 << failedSteps) - 1) << (8 - failedSteps);
      return {
        value: mask,
        params: { failedSteps, failedKvar: [12.5, 25, 25, 50, 50, 100, 100, 100].slice(8 - failedSteps).reduce((a, b) => a + b, 0) },
      };
    },
  },
  // a radiator fan or oil pump failed (or radiators blocked): the same load runs the oil and windings hotter
  'transformer-overheating': {
    code: FaultCode.TransformerOverheating,
    types: ['transformer'],
    status: 'ok',
    signature: ['oil_temp_c', 'winding_temp_c'],
    draw: (u) => {
      const extraRiseK = round(15 + 20 * u(0), 0);
      return { value: extraRiseK, params: { extraRiseK } };
    },
  },
  // a flat starter battery or a fuel solenoid stuck: when the grid fails, the set does not start and the
  // essential buses stay dark until someone starts it by hand
  'dg-fail-to-start': {
    code: FaultCode.DgFailToStart,
    types: ['dgSet'],
    status: 'ok',
    signature: ['run_status', 'alarm_status', 'active_power_kw', 'battery_voltage_v'],
    draw: (u) => {
      const manualStartMinutes = round(8 + 30 * u(0), 0);
      return { value: manualStartMinutes, params: { manualStartMinutes } };
    },
  },
  // aged or sulphated cells: capacity lost and internal resistance up, so the weekly battery test sags further, the
  // estimated runtime falls and a failed test raises the alarm; a string left long enough cannot take the load at an
  // outage's start and drops the PLC panels behind it until the DG set takes the bus
  'ups-battery-degradation': {
    code: FaultCode.UpsBatteryDegradation,
    types: ['ups'],
    status: 'ok',
    signature: ['battery_runtime_min', 'battery_voltage_v', 'battery_charge_percent', 'battery_current_a', 'mode', 'alarm_status'],
    draw: (u) => {
      const capacityLossPercent = round(30 + 60 * u(0), 0);
      return { value: 1 - capacityLossPercent / 100, params: { capacityLossPercent } };
    },
  },
  // an air leak or a receiver too small for the demand: the compressor loads and unloads every minute or two
  'compressor-short-cycling': {
    code: FaultCode.CompressorShortCycling,
    types: ['compressor'],
    status: 'ok',
    signature: ['load_status', 'active_power_kw', 'discharge_pressure_bar'],
    draw: (u) => {
      const cycleMinutes = round(1.5 + 1.5 * u(0), 1);
      return { value: cycleMinutes, params: { cycleMinutes } };
    },
  },
};
