import type { EquipKind, EquipNode, Topology } from '../../model/topology.js';
import type { PointRows } from '../point-rows.js';
import type { GroundTruthEvent } from '../sample.js';
import type { BuildingState, Frame } from './frame.js';

/** The physics one equipment type contributes: called for every timestamp of a frame, types in registry order. */
export interface PhysicsStage {
  /** publishes what others read before anyone steps (the plant: whether it can cool) */
  before?(frame: Frame, k: number, state: BuildingState): void;
  /** writes its equipment's true values into `frame.truth` and its totals into `state` */
  step(frame: Frame, k: number, state: BuildingState): void;
  /** ground truth the physics itself causes (a utility outage), overlapping [start, end) */
  eventsBetween?(start: number, end: number): GroundTruthEvent[];
}

export interface PhysicsContext<Config = unknown> {
  /** the equipment of the type the physics belongs to, in topology order */
  readonly equips: readonly EquipNode<Config>[];
  readonly topology: Topology;
  readonly rows: PointRows;
  readonly seed: number;
  /**
   * start of the time grid (epoch ms), where sensors' calibration cycles are
   * counted from: control loops close on drifted readings. Absent, the physics
   * treats every sensor as true.
   */
  readonly epochMs?: number;
  /** the equipment whose columns are wanted (a shard's); absent, all (Frame.wanted marks them per frame) */
  readonly wanted?: ReadonlySet<string>;
}

/** What the simulation needs of an equipment type: its physics, if it has any of its own. */
export interface PhysicsKind<Config = unknown> extends EquipKind {
  /** called once per engine when the building has equipment of the type */
  physics?(ctx: PhysicsContext<Config>): PhysicsStage;
  /**
   * keys of the type's writable points the physics takes as inputs when overridden (a pointWrite to a live
   * point): it reads them from `frame.overrides` by row. Other writable points keep their priority array only.
   */
  readonly overridable?: readonly string[];
}
