// The building link as the business generator asks for it: the site's faults over the dataset's
// history window, in the simulation the telemetry was generated with.
import type { Profile } from '../../profile/schema.js';
import { MS_PER_DAY } from '../../time/clock.js';
import { timelineOf } from '../generate/business-timeline.js';
import { linkBuilding, type LinkedSite } from './building-link.js';

/**
 * The site for BusinessOptions.link: faults requested from the first day of the history up to
 * the end of asOf (site local time, as every business timestamp). `simSeed` must be the seed
 * the telemetry was simulated with for the event ids to match; by default the profile's
 * simulation.seed, as `haysim generate` uses.
 */
export function linkBuildingToBusiness(profile: Profile, simSeed: number | undefined, asOf: string): LinkedSite {
  const t = timelineOf(asOf);
  return linkBuilding(profile, simSeed ?? profile.simulation.seed, { from: t.windowStart * MS_PER_DAY, to: (t.asOf + 1) * MS_PER_DAY });
}
