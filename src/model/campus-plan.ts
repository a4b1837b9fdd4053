import type { CampusSpec } from '../profile/campus-schema.js';
import { hashString } from '../random/rng.js';
import type { Nameplate } from './topology.js';

/** What a campus equipment is, electrically: the id prefix of the users' tables. */
export type CampusRole =
  | 'trf'
  | 'ats'
  | 'pcc'
  | 'apfc'
  | 'changeover'
  | 'mldb'
  | 'smdb'
  | 'db'
  | 'ups'
  | 'plc'
  | 'mcc'
  | 'vfd'
  | 'dg'
  | 'chiller'
  | 'ct'
  | 'ahu'
  | 'pump'
  | 'compressor'
  | 'motor'
  | 'em';

/** What a pump does on the campus: its duty decides its load. */
export type PumpDuty = 'chw' | 'cw' | 'process' | 'transfer' | 'dosing';

/** One campus equipment as wired: its rating, the one it is fed from, and what it backs or measures. */
export interface CampusEquip {
  readonly id: string;
  readonly dis: string;
  readonly role: CampusRole;
  /** 0-based position among its role */
  readonly index: number;
  /** kVA (transformers, UPS), kW (DG sets, motors, pumps, compressors), TR (chillers, towers), CFM (AHUs); panels: their own load, kW */
  readonly rating: number;
  /** the equipment whose outgoing feeder supplies it (undefined: the utility's HT supply) */
  readonly fedBy?: string;
  /** on a bus a DG set backs through an ATS */
  readonly essential: boolean;
  /** the DG set behind its ATS (ATSs and everything on an essential bus) */
  readonly backupDg?: string;
  /** the UPS it is fed from, directly or through panels */
  readonly ups?: string;
  /** pumps and towers: the chiller they serve; ATSs: the transformer they switch from */
  readonly serves?: string;
  readonly pumpDuty?: PumpDuty;
  /** equipment driven through a VFD panel (the panel's id) */
  readonly vfd?: string;
  /** energy meters: the equipment whose incoming power they measure */
  readonly measures?: readonly string[];
  readonly location: string;
  readonly nameplate: Nameplate;
}

export interface CampusPlan {
  readonly equips: readonly CampusEquip[];
  readonly byId: ReadonlyMap<string, CampusEquip>;
  of(role: CampusRole): readonly CampusEquip[];
  /** equipment fed directly from `id` */
  childrenOf(id: string): readonly CampusEquip[];
}

const ID_PREFIX: Record<CampusRole, string> = {
  trf: 'trf',
  ats: 'lt_ats',
  pcc: 'lt_pcc',
  apfc: 'lt_apfc',
  changeover: 'lt_changeover',
  mldb: 'lt_mldb',
  smdb: 'lt_smdb',
  db: 'lt_db',
  ups: 'ups',
  plc: 'lt_plc',
  mcc: 'lt_mcc',
  vfd: 'lt_vfd',
  dg: 'dg',
  chiller: 'chiller',
  ct: 'ct',
  ahu: 'ahu',
  pump: 'pump',
  compressor: 'compressor',
  motor: 'motor',
  em: 'em',
};

const DIS: Record<CampusRole, string> = {
  trf: 'Transformer',
  ats: 'ATS',
  pcc: 'PCC',
  apfc: 'APFC Panel',
  changeover: 'Changeover',
  mldb: 'MLDB',
  smdb: 'SMDB',
  db: 'DB',
  ups: 'UPS',
  plc: 'PLC Panel',
  mcc: 'MCC',
  vfd: 'VFD Panel',
  dg: 'DG Set',
  chiller: 'Chiller',
  ct: 'Cooling Tower',
  ahu: 'AHU',
  pump: 'Pump',
  compressor: 'Air Compressor',
  motor: 'Motor',
  em: 'Energy Meter',
};

/** Makes and model series on Indian industrial sites, by role (facts of the market, picked per id). */
const MAKES: Record<CampusRole, readonly (readonly [string, string])[]> = {
  trf: [
    ['Voltamp', 'Oil-cooled ONAN 11/0.433 kV'],
    ['Kirloskar Electric', 'ONAN distribution transformer'],
    ['ABB', 'Oil-immersed distribution transformer'],
  ],
  ats: [
    ['L&T', 'C-Power ATS'],
    ['Socomec', 'ATyS'],
  ],
  pcc: [
    ['L&T', 'T-ERA PCC'],
    ['Siemens', 'SIVACON S8'],
  ],
  apfc: [
    ['L&T', 'Etacon APFC'],
    ['EPCOS', 'APFC panel with PFC relay'],
  ],
  changeover: [
    ['L&T', 'Manual changeover'],
    ['HPL', 'Changeover switch'],
  ],
  mldb: [
    ['L&T', 'MLDB'],
    ['Schneider Electric', 'Okken MLDB'],
  ],
  smdb: [
    ['L&T', 'SMDB'],
    ['Havells', 'SMDB'],
  ],
  db: [
    ['Legrand', 'DX3 TPN DB'],
    ['Havells', 'TPN DB'],
  ],
  ups: [
    ['Vertiv', 'Liebert EXL'],
    ['Schneider Electric', 'Galaxy VS'],
    ['Eaton', '93PM'],
  ],
  plc: [
    ['Siemens', 'SIMATIC S7-1500'],
    ['Rockwell Automation', 'CompactLogix 5380'],
    ['Schneider Electric', 'Modicon M580'],
  ],
  mcc: [
    ['L&T', 'T-ERA MCC'],
    ['Siemens', 'SIVACON S8 MCC'],
  ],
  vfd: [
    ['ABB', 'ACS580'],
    ['Danfoss', 'VLT HVAC FC 102'],
    ['Siemens', 'SINAMICS G120'],
  ],
  dg: [
    ['Cummins India', 'C-series DG set'],
    ['Kirloskar Oil Engines', 'KOEL Green'],
    ['Mahindra Powerol', 'DG set'],
  ],
  chiller: [
    ['Voltas', 'Water-cooled screw chiller'],
    ['Carrier', '30XW'],
    ['Daikin', 'EWWD'],
  ],
  ct: [
    ['Paharpur', 'Induced-draft counterflow'],
    ['Mihir', 'FRP cooling tower'],
  ],
  ahu: [
    ['Zeco', 'Double-skin AHU'],
    ['Blue Star', 'AHU'],
    ['Voltas', 'AHU'],
  ],
  pump: [
    ['Kirloskar Brothers', 'End-suction pump'],
    ['Grundfos', 'NB/NK'],
    ['KSB', 'Etanorm'],
  ],
  compressor: [
    ['Atlas Copco', 'GA VSD+'],
    ['ELGi', 'EG series screw'],
    ['Ingersoll Rand', 'R-series'],
  ],
  motor: [
    ['Siemens', '1LE1 IE3'],
    ['ABB', 'M2BAX IE3'],
    ['Crompton Greaves', 'IE3 TEFC'],
  ],
  em: [
    ['Schneider Electric', 'PM5560'],
    ['Secure Meters', 'Elite 440'],
    ['L&T', 'WL4405'],
  ],
};

const LOCATION: Partial<Record<CampusRole, string>> = {
  trf: 'Substation',
  ats: 'Substation',
  pcc: 'Substation',
  apfc: 'Substation',
  dg: 'DG Yard',
  chiller: 'Chiller Plant',
  ct: 'Cooling Tower Yard',
  compressor: 'Compressor House',
  ups: 'UPS Room',
};
const HALLS = ['Production Hall A', 'Production Hall B', 'Production Hall C', 'Admin Block', 'Warehouse', 'Utility Block'];

/** The panel's own lumped load (lighting, sockets, small motors not modelled one by one), kW at full production. */
const OWN_LOAD_KW = { db: 28, plc: 1.2, mcc: 60 };

/**
 * One panel's own load: its kind's typical size scaled by what it serves (a bay's lighting board or a whole
 * hall's, a remote I/O drop or a main PLC with its HMI and drives' comms), 0.5–2 ×, the same in every run.
 */
function ownLoadSizeKw(role: 'db' | 'plc' | 'mcc', index: number): number {
  return OWN_LOAD_KW[role] * 0.5 * 4 ** (hashString(`${role}_${index}:own`) / 2 ** 32);
}

const plans = new WeakMap<CampusSpec, CampusPlan>();

/**
 * n items shared over bins in proportion to their weights (the highest-averages method): item i goes to
 * the bin furthest below its share so far, so the items of any prefix are spread as evenly as they can be.
 */
function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const given = new Array<number>(weights.length).fill(0);
  return Array.from({ length: n }, (_, i) => {
    let best = 0;
    let bestGap = -Infinity;
    weights.forEach((w, b) => {
      const gap = ((i + 1) * w) / total - given[b]!;
      if (gap > bestGap + 1e-12) {
        bestGap = gap;
        best = b;
      }
    });
    given[best]!++;
    return best;
  });
}

/**
 * The meter a campus meter is a sub-meter of: the nearest meter upstream of what it measures (a feeder's
 * meter under its transformer's LV meter), else the HT incomer; undefined for the incomer itself.
 */
export function parentMeter(plan: CampusPlan, meter: CampusEquip): CampusEquip | undefined {
  const [incomer, ...others] = plan.of('em');
  if (meter === incomer) return undefined;
  const single = new Map(others.filter((m) => m !== meter && m.measures?.length === 1).map((m) => [m.measures![0]!, m]));
  for (let id = plan.byId.get(meter.measures?.[0] ?? '')?.fedBy; id; id = plan.byId.get(id)?.fedBy) {
    const upstream = single.get(id);
    if (upstream) return upstream;
  }
  return incomer;
}

/** The space entity of a campus location: `space-production-hall-a`. */
export function campusSpaceId(location: string): string {
  return `space-${location.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The campus's buildings and yards, in the order the plan first places equipment in them. */
export function campusSpaces(plan: CampusPlan): { id: string; dis: string }[] {
  return [...new Set(plan.equips.map((e) => e.location))].map((dis) => ({ id: campusSpaceId(dis), dis }));
}

/**
 * The campus as wired, from its counts and ratings: transformers feed PCC buses in pairs (the first of
 * each pair essential, switched to a DG set by its ATS in an outage); the distribution chain MLDB → SMDB →
 * DB → UPS → PLC hangs off the essential buses, process MCCs off the others. Each VFD panel drives one
 * variable load (tower fans, plant pumps, then AHU fans). Energy meters measure the HT incomer, each
 * transformer's LV side, then the largest feeders. A pure function of the spec: ids and wiring never
 * depend on the seed.
 */
export function campusPlan(spec: CampusSpec): CampusPlan {
  const cached = plans.get(spec);
  if (cached) return cached;
  const equips: CampusEquip[] = [];
  const add = (
    role: CampusRole,
    index: number,
    rest: Omit<CampusEquip, 'id' | 'dis' | 'role' | 'index' | 'location' | 'nameplate'> & { location?: string },
  ) => {
    const id = `${ID_PREFIX[role]}_${String(index + 1).padStart(3, '0')}`;
    const makes = MAKES[role];
    const [manufacturer, model] = makes[hashString(id) % makes.length]!;
    const year = spec.commissioned + (hashString(`${id}:year`) % 8);
    const month = 1 + (hashString(`${id}:month`) % 12);
    const e: CampusEquip = {
      ...rest,
      id,
      dis: `${DIS[role]} ${String(index + 1).padStart(2, '0')}`,
      role,
      index,
      location: rest.location ?? LOCATION[role] ?? HALLS[index % HALLS.length]!,
      nameplate: {
        manufacturer,
        model,
        installed: `${year}-${String(month).padStart(2, '0')}-${String(1 + (hashString(`${id}:day`) % 28)).padStart(2, '0')}`,
      },
    };
    equips.push(e);
    return e;
  };
  const p = spec.panels;
  const trfs = spec.transformersKva.map((kva, i) => add('trf', i, { rating: kva, essential: false }));
  const dgs = spec.dgSetsKw.map((kw, i) => add('dg', i, { rating: kw, essential: true }));
  // PCC buses in pairs per transformer: the first of each pair essential
  const pccTrf = (j: number) => trfs[Math.min(trfs.length - 1, Math.floor((j * trfs.length) / p.pcc))]!;
  const essentialPcc = Array.from({ length: p.pcc }, (_, j) => j).filter((j) => j === 0 || pccTrf(j) !== pccTrf(j - 1));
  const atsOf = new Map<number, CampusEquip>();
  const backed = essentialPcc.slice(0, p.ats);
  // the DG set behind each ATS: the buses' loads follow their transformers' kVA, so the largest bus first goes to the
  // set it leaves least loaded for its rating (a 200 kW set is not given a 2 MVA unit's bus while a 1.2 MW set idles)
  const dgOf = new Map<number, CampusEquip>();
  const carried = dgs.map(() => 0);
  const share = (g: number, kva: number) => (carried[g]! + kva) / dgs[g]!.rating;
  for (const j of [...backed].sort((x, y) => pccTrf(y).rating - pccTrf(x).rating || x - y)) {
    const kva = pccTrf(j).rating;
    let best = 0;
    for (let g = 1; g < dgs.length; g++) if (share(g, kva) < share(best, kva)) best = g;
    carried[best]! += kva;
    dgOf.set(j, dgs[best]!);
  }
  backed.forEach((j, a) => {
    const dg = dgOf.get(j)!;
    atsOf.set(j, add('ats', a, { rating: pccTrf(j).rating, fedBy: pccTrf(j).id, essential: true, backupDg: dg.id, serves: dg.id }));
  });
  const pccs = Array.from({ length: p.pcc }, (_, j) => {
    const ats = atsOf.get(j);
    return add('pcc', j, { rating: 0, fedBy: ats?.id ?? pccTrf(j).id, essential: ats !== undefined, backupDg: ats?.backupDg });
  });
  const onBus = (bus: CampusEquip) => ({ essential: bus.essential, backupDg: bus.backupDg, ups: bus.ups });
  // an APFC bank is sized to its bus's transformer: its rating is that transformer's kVA
  for (let j = 0; j < Math.min(p.apfc, pccs.length); j++)
    add('apfc', j, { rating: pccTrf(j).rating, fedBy: pccs[j]!.id, ...onBus(pccs[j]!) });
  const essentialBuses = pccs.filter((b) => b.essential);
  const processBuses = pccs.filter((b) => !b.essential);
  const pick = <T>(list: readonly T[], i: number, fallback: readonly T[]) =>
    list.length ? list[i % list.length]! : fallback[i % fallback.length]!;
  // distribution chain on the essential buses, a changeover at the head of the first MLDBs
  // feeders share out over the buses in proportion to the transformer behind each, so a 315 kVA unit
  // carries a fifth of what a 1,600 kVA one does
  const capacity = (bus: CampusEquip) => pccTrf(bus.index).rating;
  const essentialShare = apportion(p.mldb, (essentialBuses.length ? essentialBuses : pccs).map(capacity));
  const mldbs = Array.from({ length: p.mldb }, (_, m) => {
    const bus = (essentialBuses.length ? essentialBuses : pccs)[essentialShare[m]!]!;
    const co = m < p.changeover ? add('changeover', m, { rating: 0, fedBy: bus.id, ...onBus(bus) }) : undefined;
    return add('mldb', m, { rating: 0, fedBy: (co ?? bus).id, ...onBus(bus) });
  });
  const smdbs = Array.from({ length: p.smdb }, (_, s) => {
    const up = pick(mldbs, s, essentialBuses.length ? essentialBuses : pccs);
    return add('smdb', s, { rating: 0, fedBy: up.id, ...onBus(up) });
  });
  const dbs = Array.from({ length: p.db }, (_, d) => {
    const up = pick(smdbs, d, mldbs.length ? mldbs : pccs);
    return add('db', d, { rating: ownLoadSizeKw('db', d), fedBy: up.id, ...onBus(up) });
  });
  const upss = spec.upsKva.map((kva, u) => {
    const up = pick(dbs, u, pccs);
    return add('ups', u, { rating: kva, fedBy: up.id, essential: up.essential, backupDg: up.backupDg });
  });
  for (let q = 0; q < p.plc; q++) {
    const ups = upss.length ? upss[q % upss.length]! : undefined;
    const up = ups ?? pick(dbs, q, pccs);
    add('plc', q, {
      rating: ownLoadSizeKw('plc', q),
      fedBy: up.id,
      essential: up.essential,
      backupDg: up.backupDg,
      ups: ups?.id ?? up.ups,
    });
  }
  // MCCs: the first 30 % on the essential buses (utilities), the rest on the process buses
  const utilityMccCount = Math.ceil(p.mcc * 0.3);
  const utilityBuses = essentialBuses.length ? essentialBuses : pccs;
  const processBusList = processBuses.length ? processBuses : pccs;
  const utilityShare = apportion(utilityMccCount, utilityBuses.map(capacity));
  const processShare = apportion(p.mcc - utilityMccCount, processBusList.map(capacity));
  const mccs = Array.from({ length: p.mcc }, (_, c) => {
    const bus = c < utilityMccCount ? utilityBuses[utilityShare[c]!]! : processBusList[processShare[c - utilityMccCount]!]!;
    return add('mcc', c, { rating: ownLoadSizeKw('mcc', c), fedBy: bus.id, ...onBus(bus) });
  });
  // the heaviest loads (the chiller plant) go on the MCCs of the largest transformers first
  const byBusSize = (list: CampusEquip[]) =>
    [...list].sort((a, b) => capacity(byIdOf(b.fedBy!)) - capacity(byIdOf(a.fedBy!)) || a.index - b.index);
  const byIdOf = (id: string) => equips.find((x) => x.id === id)!;
  const utilityMccs = byBusSize(mccs.slice(0, utilityMccCount));
  const processMccs = byBusSize(mccs.slice(utilityMccCount));
  let nextVfd = 0;
  const vfdFor = (mcc: CampusEquip): CampusEquip | undefined => {
    if (nextVfd >= p.vfd) return undefined;
    return add('vfd', nextVfd++, { rating: 0, fedBy: mcc.id, ...onBus(mcc) });
  };
  const chillers = spec.chillersTr.map((tr, i) => {
    const mcc = pick(processMccs, i, mccs);
    return add('chiller', i, { rating: tr, fedBy: mcc.id, ...onBus(mcc) });
  });
  spec.coolingTowersTr.forEach((tr, i) => {
    const mcc = pick(processMccs, chillers.length + i, mccs);
    const vfd = vfdFor(mcc);
    add('ct', i, { rating: tr, fedBy: (vfd ?? mcc).id, vfd: vfd?.id, ...onBus(mcc), serves: chillers[i % chillers.length]?.id });
  });
  // pumps: a chilled- and a condenser-water pump per chiller on VFDs, then process, transfer and dosing duty
  const duties: PumpDuty[] = spec.pumpsKw.map((_, i) =>
    i < chillers.length
      ? 'chw'
      : i < 2 * chillers.length
        ? 'cw'
        : i >= spec.pumpsKw.length - 2
          ? 'dosing'
          : i >= spec.pumpsKw.length - 4
            ? 'transfer'
            : 'process',
  );
  spec.pumpsKw.forEach((kw, i) => {
    const duty = duties[i]!;
    const plant = duty === 'chw' || duty === 'cw';
    const mcc = plant ? pick(processMccs, i, mccs) : pick(utilityMccs, i, mccs);
    const vfd = plant || duty === 'process' ? vfdFor(mcc) : undefined;
    add('pump', i, {
      rating: kw,
      fedBy: (vfd ?? mcc).id,
      vfd: vfd?.id,
      ...onBus(mcc),
      pumpDuty: duty,
      serves: plant ? chillers[i % chillers.length]?.id : undefined,
      location: plant ? 'Chiller Plant' : undefined,
    });
  });
  spec.ahusCfm.forEach((cfm, i) => {
    const mcc = pick(utilityMccs, i, mccs);
    const vfd = vfdFor(mcc);
    add('ahu', i, { rating: cfm, fedBy: (vfd ?? mcc).id, vfd: vfd?.id, ...onBus(mcc) });
  });
  spec.compressorsKw.forEach((kw, i) => {
    const mcc = pick(utilityMccs, i + 7, mccs);
    add('compressor', i, { rating: kw, fedBy: mcc.id, ...onBus(mcc) });
  });
  spec.motorsKw.forEach((kw, i) => {
    const mcc = pick(processMccs, i + 11, mccs);
    add('motor', i, { rating: kw, fedBy: mcc.id, ...onBus(mcc) });
  });
  // meters: the HT incomer, each transformer's LV side, then the MCCs feeding the chillers
  const meterTargets: string[][] = [trfs.map((t) => t.id), ...trfs.map((t) => [t.id])];
  const chillerMccs = [...new Set(chillers.map((c) => c.fedBy!))];
  for (const id of [...chillerMccs, ...mccs.map((m) => m.id)])
    if (!meterTargets.some((m) => m.length === 1 && m[0] === id)) meterTargets.push([id]);
  for (let m = 0; m < spec.energyMeters; m++) {
    const targets = meterTargets[m % meterTargets.length]!;
    add('em', m, {
      rating: 0,
      essential: false,
      measures: targets,
      location: m === 0 ? 'HT Yard' : m <= trfs.length ? 'Substation' : undefined,
    });
  }
  const byId = new Map(equips.map((e) => [e.id, e]));
  const roles = new Map<CampusRole, CampusEquip[]>();
  const children = new Map<string, CampusEquip[]>();
  for (const e of equips) {
    roles.set(e.role, [...(roles.get(e.role) ?? []), e]);
    if (e.fedBy) children.set(e.fedBy, [...(children.get(e.fedBy) ?? []), e]);
  }
  const plan: CampusPlan = {
    equips,
    byId,
    of: (role) => roles.get(role) ?? [],
    childrenOf: (id) => children.get(id) ?? [],
  };
  plans.set(spec, plan);
  return plan;
}
