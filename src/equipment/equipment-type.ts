import type { z } from 'zod';
import type { ModelKind } from '../model/equipment-kind.js';
import type { EquipNode, Topology } from '../model/topology.js';
import type { PhysicsKind } from '../sim/physics/physics-stage.js';

/** The catalogue entries of a service company's linked devices (business dataset). */
export type ServiceCategory = 'air_handler' | 'chiller' | 'boiler' | 'cooling_tower' | 'vav_terminal';

/** How a service company sees the equipment when the building is linked to the business dataset. */
export interface ServiceFacts<Config> {
  readonly category: ServiceCategory;
  /** nominal capacity from the design figures, Btu/h */
  capacityBtuh(node: EquipNode<Config>, topology: Topology): number;
  /** rated efficiency: a chiller's kW/ton, a boiler's percent */
  efficiency?(node: EquipNode<Config>): number;
}

/**
 * Everything that defines one equipment type: its profile fragment, how many
 * equipment the profile yields and their points (expand), their Haystack
 * markers and refs (tags), and the physics it contributes. Profile loading,
 * model building and the engine each read only their part (ProfileContributor,
 * ModelKind, PhysicsKind).
 */
export interface EquipmentType<Shape extends z.ZodRawShape = z.ZodRawShape, Config = unknown>
  extends ModelKind<Shape, Config>,
    PhysicsKind<Config> {
  readonly service?: ServiceFacts<Config>;
}

/** Infers the section shape and config of a type from its definition. */
export function defineEquipmentType<Shape extends z.ZodRawShape, Config>(type: EquipmentType<Shape, Config>): EquipmentType<Shape, Config> {
  return type;
}
