import { HNum } from 'haystack-core';
import type { CampusEquip, CampusPlan, CampusRole } from '../../model/campus-plan.js';
import type { PointTemplate } from '../../model/point-template.js';
import { hashString, NoiseTrack } from '../../random/rng.js';
import type { CampusContext, CampusDrivers } from '../../sim/physics/campus-context.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { PLC_BOOT_MIN } from '../../sim/physics/ups-supply.js';
import { ie3Efficiency, partLoadPowerFactor, ratedPowerFactor } from '../../sim/relations/elec-motor.js';
import type { PhysicsStage } from '../../sim/physics/physics-stage.js';
import { defineCampusType } from './campus-type.js';
import { OWN_PF_TAN, panelFrameA, ratedKva } from './elec-ratings.js';
import {
  HARMONIC_GROUP,
  type HarmonicGroup,
  harmonicKvaRss,
  LINEAR_THD_I,
  SINGLE_PHASE_THD_I,
} from '../../sim/relations/elec-power-quality.js';
import {
  addHarmonics,
  ELEC_POINTS,
  elecMeta,
  feed,
  loadHarmonics,
  newHarmonics,
  newMeterInput,
  newScratch,
  supplyHz,
  supplyVolts,
  writeElec,
  writePower,
} from './elec-columns.js';

const MINUTE = 60_000;

const PANEL_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'panel_temp_c', dis: 'Panel Temp', markers: 'elec temp sensor', kind: 'Number', unit: '°C', decimals: 1, noise: 0.1 },
];

/** A PLC panel's controller: running and talking to the SCADA (0 while unpowered and while it boots). */
const PLC_POINTS: readonly PointTemplate[] = [
  ...PANEL_POINTS,
  { key: 'comm_status', dis: 'PLC Comms', markers: 'run sensor', kind: 'Bool', decimals: 0 },
];

/** What makes one panel's load and heat its own: fixed for the panel, from its id. */
interface PanelTraits {
  /** share of an MCC's own load that runs whatever the production (ventilation, lube and cooling pumps) */
  readonly base: number;
  /** °C its busbars and breakers sit above the air around it at no load: its room and its ventilation */
  readonly rise: number;
  /** its own load's displacement PF against its kind's: what it serves (more motors, more drivers) */
  readonly pfShift: number;
  /** its single-phase electronics' current THD against its kind's: LED drivers with or without PFC, their makes */
  readonly thdScale: number;
}

function panelTraits(e: CampusEquip): PanelTraits {
  const u = (key: string) => hashString(`${e.id}:${key}`) / 2 ** 32;
  return {
    base: (e.essential ? 0.15 : 0.05) + 0.1 * u('base'),
    rise: 3 + 4 * u('rise'),
    pfShift: 0.05 * (u('pf') - 0.5),
    thdScale: 0.75 + 0.5 * u('thd'),
  };
}

/** °C outside a PLC panel above which its thermostat runs the filter fans (35 °C inside, with the controllers' heat) */
const PLC_FAN_AMBIENT_C = 31;
/** a PLC panel's filter fans, share of its own load */
const PLC_FAN_SHARE = 0.08;
/** whether a PLC panel's thermostat has its fans running (they pull its PF down and dilute its harmonics) */
const fansRun = (e: CampusEquip, d: CampusDrivers) => e.role === 'plc' && d.ambientC > PLC_FAN_AMBIENT_C;

/**
 * A panel's own load besides the feeders the plan models: a DB's lighting and sockets follow the day
 * and the shifts, an MCC's small motors the production over what always runs, a PLC panel's controllers stay
 * flat while its outputs (solenoids, field instruments) follow the process and its fans the heat.
 */
function ownLoadKw(e: CampusEquip, traits: PanelTraits, d: CampusDrivers, noise: NoiseTrack, t: number): number {
  // the wobble only where a load is modelled: other panels carry their feeders alone
  switch (e.role) {
    case 'db': {
      const daylight = d.hour >= 7 && d.hour < 18.5 ? 0.55 : 1;
      const office =
        e.location === 'Admin Block' ? (d.hour >= 8.5 && d.hour < 19 && d.production > 0 ? 1 : 0.15) : 0.35 + 0.65 * d.production;
      return e.rating * (0.25 + 0.45 * office * daylight + 0.3 * office) * (1 + 0.05 * noise.at(t));
    }
    case 'mcc':
      return e.rating * (traits.base + (1 - traits.base) * d.production) * (1 + 0.05 * noise.at(t));
    case 'plc':
      return e.rating * (0.72 + 0.2 * d.production + (fansRun(e, d) ? PLC_FAN_SHARE : 0)) * (1 + 0.01 * noise.at(t));
    default:
      return 0;
  }
}

/**
 * Harmonics of a panel's own load, its group and current THD %: a DB's lighting drivers and sockets and a PLC
 * panel's switch-mode supplies are single-phase electronics, an MCC's small motors direct on line
 */
const OWN_HARMONICS: Partial<Record<CampusRole, { group: HarmonicGroup; thdPct: number }>> = {
  db: { group: HARMONIC_GROUP.singlePhase, thdPct: SINGLE_PHASE_THD_I },
  plc: { group: HARMONIC_GROUP.singlePhase, thdPct: SINGLE_PHASE_THD_I },
  mcc: { group: HARMONIC_GROUP.linear, thdPct: LINEAR_THD_I },
};
/** the small motors an MCC's own load lumps together: a typical 5.5 kW, 4-pole */
const SMALL_MOTOR_KW = 5.5;
const SMALL_MOTOR_ETA = ie3Efficiency(SMALL_MOTOR_KW);
const SMALL_MOTOR_PF = ratedPowerFactor(SMALL_MOTOR_KW);

/**
 * tan φ of a panel's own load drawing `kw`: as production falls fewer of an MCC's small motors run and those
 * that do carry less, so their power factor falls (0.82 all loaded, 0.70 at a night's tenth of the load) and
 * the bus's uncorrected PF moves with the shifts; a DB's moves with its lighting and office load; a PLC panel's
 * dips while its fans run. Each panel sits a little off its kind's (`traits.pfShift`).
 */
function ownTan(e: CampusEquip, traits: PanelTraits, d: CampusDrivers, kw: number): number {
  let pf: number;
  // a DB's always-on quarter (fridges, standby supplies, security lighting) has the lowest PF; the day's
  // lighting and office electronics on top raise it
  if (e.role === 'db' && kw > 0) pf = 0.84 + 0.09 * Math.min(1, Math.max(0, (kw / e.rating - 0.25) / 0.75));
  else if (e.role === 'mcc' && kw > 0) pf = partLoadPowerFactor(SMALL_MOTOR_ETA, SMALL_MOTOR_PF, 0.5 + 0.5 * Math.min(1, kw / e.rating));
  else {
    const tan = OWN_PF_TAN[e.role] ?? 0.5;
    pf = 1 / Math.sqrt(1 + tan * tan);
    // a PLC panel's fans, and its outputs (solenoid and relay coils) following the process
    if (e.role === 'plc') pf = pf - (fansRun(e, d) ? 0.03 : 0) - 0.02 * d.production;
  }
  pf = Math.min(0.99, pf + traits.pfShift);
  return Math.sqrt(1 - pf * pf) / pf;
}

/** Current THD % of a panel's own load: its kind's, a single-phase population's as its makes have it. */
function ownThdPct(e: CampusEquip, traits: PanelTraits, d: CampusDrivers, group: HarmonicGroup, thdPct: number): number {
  if (group !== HARMONIC_GROUP.singlePhase) return thdPct;
  // a PLC panel's fans are linear load
  return thdPct * traits.thdScale * (fansRun(e, d) ? 0.92 : 1);
}

/** cable and busbar losses between a panel and its feeder, share of the power passing */
const CABLE_LOSS = 0.006;

/**
 * The stage of a distribution panel: its own load plus everything its outgoing feeders drew, with the
 * cable losses to it; metered at its incomer and handed to the panel feeding it.
 */
export function panelStage(
  {
    equips,
    rows,
    seed,
  }: {
    equips: readonly { config: CampusEquip; position: number; id: string }[];
    rows: import('../../sim/point-rows.js').PointRows;
    seed: number;
  },
  campus: CampusContext,
  iscA: number,
): PhysicsStage {
  const metas = equips.map((n) => elecMeta(rows, n as never, campus.plan, 415, 0.6));
  const rated = equips.map((n) => ratedKva(campus.plan, n.config));
  const temp = equips.map((n) => rows.one(n as never, 'panel_temp_c'));
  const wobbles = equips.map((n) => new NoiseTrack(seed, hashString(n.config.id), 25 * MINUTE));
  const traits = equips.map((n) => panelTraits(n.config));
  const comm = equips.map((n) => rows.one(n as never, 'comm_status'));
  // a UPS-fed controller boots again after its UPS dropped it: minutes since its supply came back
  const upsAt = equips.map((n) => (n.config.ups ? campus.position.get(n.config.ups)! : -1));
  const scratch = newScratch();
  const input = newMeterInput();
  const harmonics = newHarmonics();
  const grid = campus.topology.site.campus!.grid;
  return {
    step(frame, k, state) {
      const d = campus.drivers(frame, k);
      const t = frame.timestamps[k]!;
      const T = frame.timestamps.length;
      const el = state.elec;
      for (let i = 0; i < equips.length; i++) {
        const node = equips[i]!;
        const e = node.config;
        const pos = node.position;
        const live = campus.supplied(e, d);
        const own = live ? ownLoadKw(e, traits[i]!, d, wobbles[i]!, t) : 0;
        const kw = (el.kw[pos]! + own) * (1 + CABLE_LOSS);
        const ownKvar = own * ownTan(e, traits[i]!, d, own);
        const kvar = el.kvar[pos]! + ownKvar;
        const ownHarmonics = OWN_HARMONICS[e.role];
        if (ownHarmonics)
          loadHarmonics(ownHarmonics.group, ownThdPct(e, traits[i]!, d, ownHarmonics.group, ownHarmonics.thdPct), own, ownKvar, harmonics);
        else harmonics.fill(0);
        addHarmonics(el.harmonicKva, pos, harmonics);
        input.kw = kw;
        input.kvar = kvar;
        input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
        input.closed = live || e.role === 'pcc' || e.role === 'mcc';
        feed(state, campus, pos, kw, kvar, harmonics);
        if (!columnsWanted(frame, pos)) {
          writePower(frame, k, metas[i]!, input);
          continue;
        }
        const loading = Math.sqrt(kw * kw + kvar * kvar) / rated[i]!;
        input.vLL = supplyVolts(grid.nominalVolts, campus, e, d, seed, t) * (1 - 0.01 * loading);
        input.hz = supplyHz(grid.frequencyHz, campus, e, d, seed, t);
        input.iscA = iscA;
        writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        // a PLC panel's fans carry its heat out: cycling on its thermostat near the set point, running through
        // the heat of the day, they bring it nearer the air around it
        const fanned = e.role === 'plc' ? 1 - 0.5 * Math.min(1, Math.max(0, (d.ambientC - PLC_FAN_AMBIENT_C) / 2)) : 1;
        writeRow(frame.truth, temp[i]!, T, k, d.ambientC + traits[i]!.rise * fanned + 12 * loading * loading);
        if (comm[i]! >= 0) {
          const back = upsAt[i]! >= 0 ? campus.upsBackMin[upsAt[i]!]! : Number.POSITIVE_INFINITY;
          writeRow(frame.truth, comm[i]!, T, k, live && back >= PLC_BOOT_MIN ? 1 : 0);
        }
      }
    },
  };
}

/** A panel type: the plan's panels of one role, metered at the incomer. */
function panelType(name: string, role: CampusRole, markers: string, iscA: number, points = PANEL_POINTS) {
  return defineCampusType({
    name,
    role,
    markers,
    points,
    ratingTags: panelRatingTags,
    physics: (ctx, campus) => panelStage(ctx, campus, iscA),
  });
}

/** A panel's nameplate: the rated current of its busbars and incomer. */
export const panelRatingTags = (e: CampusEquip, plan: CampusPlan) => ({ ratedCurrent: HNum.make(panelFrameA(plan, e), 'A') });

/** `lt_vfd_NNN`: a drive panel feeding one variable-speed load (its rectifier draws the harmonics). */
export const ltVfd = panelType('ltVfd', 'vfd', 'elec panel vfd', 10_000);
export const ltPlc = panelType('ltPlc', 'plc', 'elec panel controller', 3_000, PLC_POINTS);
export const ltDb = panelType('ltDb', 'db', 'elec panel', 6_000);
export const ltSmdb = panelType('ltSmdb', 'smdb', 'elec panel', 12_000);
export const ltMldb = panelType('ltMldb', 'mldb', 'elec panel', 20_000);
/** `lt_changeover_NNN`: a manual changeover at an MLDB's head (normally on its PCC). */
export const ltChangeover = panelType('ltChangeover', 'changeover', 'elec switchgear', 20_000);
export const ltMcc = panelType('ltMcc', 'mcc', 'elec panel motor', 18_000);
