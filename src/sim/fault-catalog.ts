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
  /** the points whose readings carry its signature (keys on the equipment), for the ground truth */
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
  // a slow leak: the evaporator starves, capacity falls and each ton costs more kW
  'low-refrigerant-charge': {
    code: FaultCode.LowRefrigerantCharge,
    types: ['chiller'],
    status: 'ok',
    signature: ['power', 'cop'],
    draw: (u) => {
      const chargeLossPercent = round(15 + 25 * u(0), 0);
      return { value: chargeLossPercent / 100, params: { chargeLossPercent } };
    },
  },
  // a control or safety trips it every few minutes: on, off, on, with the same average cooling
  'short-cycling': {
    code: FaultCode.ShortCycling,
    types: ['chiller'],
    status: 'ok',
    signature: ['status', 'power'],
    draw: (u) => {
      const periodMinutes = round(6 + 14 * u(0), 0);
      return { value: periodMinutes, params: { periodMinutes, onSharePercent: 50 } };
    },
  },
};
