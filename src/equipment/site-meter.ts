import { z } from 'zod';
import { markers as markerTags, nameplateTags } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import type { SiteSpec } from '../model/topology.js';
import { idString, nameplate } from '../profile/schema.js';
import { writeRow, type BuildingState } from '../sim/physics/frame.js';
import { defineEquipmentType } from './equipment-type.js';

interface SiteMeterSpec {
  readonly name: string;
  /** its key under `meters:` in the profile */
  readonly key: string;
  readonly markers: string;
  /** `flow`, its register and `pressure` */
  readonly points: readonly PointTemplate[];
  /** what the building draws at a timestamp */
  flow(state: BuildingState, site: SiteSpec): number;
  /** supply pressure at instant t (ms), given the flow */
  pressure(flow: number, t: number, seed: number): number;
}

/** A main gas or water meter: a `meters.<key>` section, a flow the building draws and the supply pressure. */
export function defineSiteMeter(spec: SiteMeterSpec) {
  return defineEquipmentType({
    name: spec.name,
    profile: { at: ['meters'], shape: { [spec.key]: z.strictObject({ id: idString, dis: z.string(), ...nameplate }) } },
    expand: (section) => {
      const m = section[spec.key]!;
      return [{ id: m.id, dis: m.dis, nameplate: m, config: {}, points: spec.points }];
    },
    tags: ({ nameplate }) => ({ ...markerTags(spec.markers), ...nameplateTags(nameplate) }),
    physics: ({ equips, topology, rows, seed }) => {
      const flowRow = rows.one(equips[0], 'flow');
      const pressureRow = rows.one(equips[0], 'pressure');
      return {
        step(frame, k, state) {
          const T = frame.timestamps.length;
          const flow = spec.flow(state, topology.site);
          writeRow(frame.truth, flowRow, T, k, flow);
          writeRow(frame.truth, pressureRow, T, k, spec.pressure(flow, frame.timestamps[k]!, seed));
        },
      };
    },
  });
}
