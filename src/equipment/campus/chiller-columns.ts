import type { CampusEquip } from '../../model/campus-plan.js';
import type { EquipNode } from '../../model/topology.js';
import type { PointRows } from '../../sim/point-rows.js';
import { writeRow } from '../../sim/physics/frame.js';
import type { ScrewCircuit } from '../../sim/relations/screw-chiller-circuit.js';
import { CHW_SETPOINT_C, type ChillerOperation, DESIGN_COP } from './chiller-operation.js';
import type { WaterTemps } from './shell-water.js';

/** What a chiller's panel reads at one minute besides its circuit and water: its state and its machine's figures. */
export interface ChillerReading {
  enabled: boolean;
  compressor: boolean;
  pumps: boolean;
  /** locked out on a trip until someone resets it */
  alarm: boolean;
}

/** A chiller's truth rows, by chiller, for the columns its stage writes (the electrical ones aside). */
export class ChillerColumns {
  private readonly rows: Record<string, number[]>;

  constructor(rows: PointRows, equips: readonly EquipNode<CampusEquip>[]) {
    const keys = [
      'enable_cmd',
      'run_status',
      'chw_supply_temp_c',
      'chw_return_temp_c',
      'cw_supply_temp_c',
      'cw_return_temp_c',
      'water_flow_lpm',
      'cooling_load_tr',
      'compressor_load_percent',
      'kw_per_tr',
      'cop',
      'efficiency_percent',
      'evaporator_pressure_bar',
      'condenser_pressure_bar',
      'chw_setpoint_c',
      'cw_flow_lpm',
      'evap_sat_temp_c',
      'cond_sat_temp_c',
      'evap_approach_c',
      'cond_approach_c',
      'lift_c',
      'suction_superheat_c',
      'discharge_temp_c',
      'subcooling_c',
      'oil_diff_pressure_bar',
      'oil_temp_c',
      'exv_position_percent',
      'motor_current_rla_percent',
      'motor_winding_temp_c',
      'vibration_mm_s',
      'alarm_status',
    ];
    this.rows = Object.fromEntries(keys.map((key) => [key, equips.map((n) => rows.one(n, key))]));
  }

  /** Chiller i's row of `key`. */
  row(key: string, i: number): number {
    return this.rows[key]![i]!;
  }

  /** Writes chiller i's minute k: its state, its water `w`, its operation `op` (while it runs) and its circuit. */
  write(
    truth: Float64Array,
    T: number,
    k: number,
    i: number,
    s: ChillerReading,
    w: WaterTemps,
    op: ChillerOperation,
    circuit: ScrewCircuit,
  ): void {
    const put = (key: string, value: number) => writeRow(truth, this.rows[key]![i]!, T, k, value);
    const kw = s.compressor ? op.kw : 0;
    const tr = s.compressor ? op.tr : 0;
    put('enable_cmd', s.enabled ? 1 : 0);
    put('run_status', s.compressor ? 1 : 0);
    put('chw_supply_temp_c', w.chws);
    put('chw_return_temp_c', w.chwr);
    put('cw_supply_temp_c', w.cws);
    put('cw_return_temp_c', w.cwr);
    put('water_flow_lpm', s.pumps ? op.flowLpm : 0);
    put('cooling_load_tr', tr);
    put('compressor_load_percent', s.compressor ? 100 * op.delivered : 0);
    put('kw_per_tr', tr > 0 ? kw / tr : 0);
    put('cop', s.compressor ? op.cop : 0);
    put('efficiency_percent', s.compressor ? (100 * op.cop) / DESIGN_COP : 0);
    put('evaporator_pressure_bar', circuit.evapPressureBar);
    put('condenser_pressure_bar', circuit.condPressureBar);
    put('chw_setpoint_c', CHW_SETPOINT_C);
    put('cw_flow_lpm', s.pumps ? op.cwFlowLpm : 0);
    put('evap_sat_temp_c', circuit.evapSatC);
    put('cond_sat_temp_c', circuit.condSatC);
    put('evap_approach_c', w.chws - circuit.evapSatC);
    put('cond_approach_c', circuit.condSatC - w.cwr);
    put('lift_c', circuit.condSatC - circuit.evapSatC);
    put('suction_superheat_c', circuit.suctionSuperheatK);
    put('discharge_temp_c', circuit.dischargeC);
    put('subcooling_c', circuit.subcoolingK);
    put('oil_diff_pressure_bar', circuit.oilDiffBar);
    put('oil_temp_c', circuit.oilC);
    put('exv_position_percent', circuit.exvPercent);
    put('motor_winding_temp_c', circuit.windingC);
    put('vibration_mm_s', circuit.vibrationMmS);
    put('alarm_status', s.alarm ? 1 : 0);
  }
}
