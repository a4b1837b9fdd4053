import { type CampusEquip, type CampusPlan, type CampusRole, campusPlan, campusSpaceId, parentMeter } from '../../model/campus-plan.js';
import { campusRegisterStart } from '../../model/campus-registers.js';
import { markers, nameplateTags, refTo, type TagValues } from '../../model/haystack-tags.js';
import type { PointTemplate } from '../../model/point-template.js';
import type { EquipNode } from '../../model/topology.js';
import { campusContext, type CampusContext } from '../../sim/physics/campus-context.js';
import type { PhysicsContext, PhysicsStage } from '../../sim/physics/physics-stage.js';
import { defineEquipmentType, type EquipmentType } from '../equipment-type.js';

/** What a campus type declares: its role in the wiring plan, Haystack markers, columns and physics. */
export interface CampusTypeSpec {
  /** Haystack def name of the type (or a documented haysim extension) */
  readonly name: string;
  readonly role: CampusRole;
  /** equipment markers besides `equip`, e.g. `elec panel` */
  readonly markers: string;
  readonly points: readonly PointTemplate[];
  /** nameplate tags from the plan's rating */
  ratingTags?(e: CampusEquip, plan: CampusPlan): TagValues;
  physics?(ctx: PhysicsContext<CampusEquip>, campus: CampusContext): PhysicsStage;
}

/**
 * A campus equipment type: its equipment are the plan's of its role (the `campus:` section's counts and
 * ratings), fed by the equipment the plan wires them to (`elecRef`).
 */
export function defineCampusType(spec: CampusTypeSpec): EquipmentType<Record<string, never>, CampusEquip> {
  return defineEquipmentType<Record<string, never>, CampusEquip>({
    name: spec.name,
    expand: (_section, { site, epochMs }) => {
      if (!site.campus) return [];
      const plan = campusPlan(site.campus);
      return plan.of(spec.role).map((e) => ({
        id: e.id,
        dis: e.dis,
        nameplate: e.nameplate,
        config: e,
        points: spec.points.map((p) => {
          const registerStart = campusRegisterStart(plan, e, p, epochMs);
          return registerStart ? { ...p, registerStart } : p;
        }),
      }));
    },
    tags: (node: EquipNode<CampusEquip>, topology) => {
      const e = node.config;
      const plan = campusPlan(topology.site.campus!);
      const fed = e.fedBy ? plan.byId.get(e.fedBy) : undefined;
      const meterOf = e.role === 'em' ? parentMeter(plan, e) : undefined;
      // the meter with no parent (the HT incomer's) is the utility revenue point every other one sits under
      const siteMeter = e.role === 'em' && meterOf === undefined;
      return {
        ...markers(`${spec.markers} equip${siteMeter ? ' siteMeter' : ''}`),
        elecRef: refTo(fed),
        spaceRef: refTo({ id: campusSpaceId(e.location), dis: e.location }),
        submeterOf: refTo(meterOf),
        ...nameplateTags(e.nameplate),
        ...spec.ratingTags?.(e, plan),
      };
    },
    physics: spec.physics ? (ctx) => spec.physics!(ctx, campusContext(ctx.topology, ctx.seed)) : undefined,
  });
}
