// The equipment type registry: every type haysim can simulate, in the order the topology lists them
// (which fixes point, entity and event order, so changing it changes the golden data).
//
// Layering. A type holds pieces of three layers: its YAML fragment (profile), its Haystack tags and
// point templates (model) and its physics (sim). So this folder ranks after sim: each module imports
// what it needs from profile, model and sim, and the registry is injected back into them, each layer
// typed only by the narrow part it reads:
//   profile/load-profile   loadProfile(path, types)   reads ProfileContributor  (the zod fragment)
//   model/build-model      buildModel(profile, types) reads ModelKind           (expand, tags)
//   sim/engine             new Engine(model, topology) reads PhysicsKind via topology.types (physics)
// so profile, model and sim never import this folder, and sim never imports profile.
//
// Adding a type: copy the module closest to it (a standalone one with physics: boiler.ts), give it a
// `name` (its Haystack def name), and add it to the list below. A library caller may pass its own list
// instead: `[...EQUIPMENT_TYPES, myType]`.
import { ahu } from './ahu.js';
import { boiler } from './boiler.js';
import { campusChiller } from './campus/campus-chiller.js';
import { campusAhu, campusCoolingTower } from './campus/campus-hvac.js';
import { campusCompressor, campusMotor, campusPump } from './campus/campus-loads.js';
import { ltApfc } from './campus/campus-apfc.js';
import { dgSet, energyMeter, ltAts, ltPcc, transformer } from './campus/lt-network.js';
import { campusUps } from './campus/campus-ups.js';
import { ltChangeover, ltDb, ltMcc, ltMldb, ltPlc, ltSmdb, ltVfd } from './campus/lt-panels.js';
import { chilledWaterPlant } from './chilled-water-plant.js';
import { chiller } from './chiller.js';
import { coolingTower } from './cooling-tower.js';
import { elecMeter } from './elec-meter.js';
import type { EquipmentType } from './equipment-type.js';
import { floorElecMeter } from './floor-elec-meter.js';
import { gasMeter } from './gas-meter.js';
import { luminaire } from './luminaire.js';
import { vav } from './vav.js';
import { waterMeter } from './water-meter.js';
import { weatherStation } from './weather-station.js';

/** Any registered type, whatever its section shape and config. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds types of every section shape and config
export type AnyEquipmentType = EquipmentType<any, any>;

export const EQUIPMENT_TYPES: readonly AnyEquipmentType[] = [
  vav,
  ahu,
  chilledWaterPlant,
  chiller,
  coolingTower,
  boiler,
  luminaire,
  elecMeter,
  floorElecMeter,
  gasMeter,
  waterMeter,
  weatherStation,
  // an industrial campus's network, leaves first: each adds its draw to the panel feeding it
  campusChiller,
  campusCoolingTower,
  campusPump,
  campusAhu,
  campusCompressor,
  campusMotor,
  ltVfd,
  ltPlc,
  campusUps,
  ltDb,
  ltSmdb,
  ltMldb,
  ltChangeover,
  ltMcc,
  ltApfc,
  ltPcc,
  ltAts,
  transformer,
  dgSet,
  energyMeter,
];
